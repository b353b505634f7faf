import type * as moduleCaches from "../cache/cache-modules.js";
import { runCommonJs } from "../cache/code-cache.js";
import type * as savers from "../cache/save-code-cache.js";
import type { Environment } from "../ports/environment.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import { processPlatform } from "./process-platform.js";

/** The Node executable's entry, and what running it from its code cache needs. */
export interface CachedEntry {
  /** The CommonJS file to run (dist/entry.cjs: dispatch and the hot path). */
  readonly file: string;
  /** The digest of its bytes, taken when it was built. */
  readonly digest: string;
  /** The directory of the CLI proper (dist/cli), which the entry requires as `./cli/...`. */
  readonly cliDir: string;
  /** The digest of every file there, taken when they were built. */
  readonly cliDigest: string;
  /** The executable's own require(), beside which the file lies. */
  readonly require: NodeJS.Require;
  /** Loads the caches' writers: a file of its own, which a run that reads the caches never loads. */
  readonly loadSaver: () => typeof savers;
  /** Loads what runs the CLI proper's files from their caches (cache-modules.ts). */
  readonly loadModuleCaches: () => typeof moduleCaches;
  /** Whether this run loaded the CLI proper (then it is no hot-path call to cache). */
  readonly cliProperLoaded: () => boolean;
}

/**
 * Runs `entry` from V8's code cache of it, kept in awsafe's cache directory (`code/entry`) under
 * the entry's digest, Node's version and the machine's architecture: a cached
 * `credential-process` call then neither parses awsafe's code nor compiles the functions it
 * runs. When the cache could not serve (none yet, another build or Node, or V8 refused it), a
 * `credential-process` call that the hot path answered writes it as it exits (exit code 0, the
 * CLI proper never loaded): by then V8 has compiled what such a call runs.
 *
 * The CLI proper's files (every other command, the agent, the questions the agent asks) run from
 * caches of their own, in `code/cli-<digest of the CLI's files>`, made as the first run that
 * compiled them exits.
 */
export function runCachedEntry(
  entry: CachedEntry,
  env: Environment,
  argv: readonly string[],
): void {
  const codeDir = `${locateAwsafePaths(env, processPlatform).cacheDir}/code`;
  const slot = { file: `${codeDir}/entry`, key: cacheKey(entry.digest) };
  const run = runCommonJs(entry.file, requireCachingCli(entry, codeDir), slot);
  if (run.fromCache || argv[2] !== "credential-process") return;
  process.once("exit", (code) => {
    if (code === 0 && !entry.cliProperLoaded()) entry.loadSaver().saveCodeCache(run, slot);
  });
}

/**
 * The entry's `require`: the first file of the CLI proper it requires sets the caches of them all
 * up (none is loaded on the hot path), and has the ones compiled afresh saved as the run exits.
 */
function requireCachingCli(entry: CachedEntry, codeDir: string): (id: string) => unknown {
  let cachingCli = false;
  const require = (id: string): unknown => {
    if (!cachingCli && id.startsWith("./cli/")) {
      cachingCli = true;
      const slotDir = `${codeDir}/cli-${entry.cliDigest}`;
      const fresh = entry
        .loadModuleCaches()
        .cacheModulesUnder(entry.cliDir, slotDir, cacheKey(entry.cliDigest));
      process.once("exit", () => {
        if (fresh.length > 0) entry.loadSaver().saveModuleCaches(fresh, slotDir);
      });
    }
    return entry.require(id);
  };
  return require;
}

/** What tells a cache of code built under `digest` apart: that build, this Node, this machine. */
function cacheKey(digest: string): string {
  return `awsafe code cache ${digest} node ${process.version} ${process.arch}`;
}
