import { runCommonJs } from "../cache/code-cache.js";
import type { saveCodeCache } from "../cache/save-code-cache.js";
import type { Environment } from "../ports/environment.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import { processPlatform } from "./process-platform.js";

/** The Node executable's entry, and what running it from its code cache needs. */
export interface CachedEntry {
  /** The CommonJS file to run (dist/entry.cjs: dispatch and the hot path). */
  readonly file: string;
  /** The digest of its bytes, taken when it was built. */
  readonly digest: string;
  /** The executable's own require(), beside which the file lies. */
  readonly require: NodeJS.Require;
  /** Loads the cache's writer: a file of its own, which a run that reads the cache never loads. */
  readonly loadSaver: () => typeof saveCodeCache;
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
 */
export function runCachedEntry(
  entry: CachedEntry,
  env: Environment,
  argv: readonly string[],
): void {
  const slot = {
    file: `${locateAwsafePaths(env, processPlatform).cacheDir}/code/entry`,
    key: `awsafe code cache ${entry.digest} node ${process.version} ${process.arch}`,
  };
  const run = runCommonJs(entry.file, entry.require, slot);
  if (run.fromCache || argv[2] !== "credential-process") return;
  process.once("exit", (code) => {
    if (code === 0 && !entry.cliProperLoaded()) entry.loadSaver()(run, slot);
  });
}
