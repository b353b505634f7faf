import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Script } from "node:vm";
import { readCacheFile } from "./cache-file.js";

/** Where V8's code cache of one script is kept, and what it must have been made for. */
export interface CodeCacheSlot {
  /** The cache file (private to this user: cache-file.ts). */
  readonly file: string;
  /** Its header: what tells this script, this Node and this machine from any other. */
  readonly key: string;
}

/** What {@link runCommonJs} did. */
export interface CommonJsRun {
  /** Whether V8 took the script's compiled code from the cache rather than compiling it. */
  readonly fromCache: boolean;
  /** The script, whose code save-code-cache.ts writes for the next run. */
  readonly script: Script;
  /** The cache this run found in the slot (used, or refused by V8), as read. */
  readonly readAtStart: Uint8Array | undefined;
}

/**
 * Runs the CommonJS file `file` as Node's loader would (`exports`, `module` (a fresh one unless
 * given), `__filename`, `__dirname`; `require` is the caller's, so `file` lies beside the
 * caller), compiled from V8's code cache in `slot` when the slot holds one for this script: V8
 * then neither parses the file nor compiles any function the run that saved the cache had
 * compiled. V8 checks the cache
 * against its own version, its flags and the source's length, and compiles afresh when they
 * differ; the slot's key stands for the rest (the script's digest). The cache is bytecode that
 * runs as this user: it is read only from a file of theirs that no one else may write. The file
 * must not call import(): a script compiled here has no loader for it (scripts/build.mjs checks
 * that the hot path's has none).
 */
export function runCommonJs(
  file: string,
  require: (id: string) => unknown,
  slot: CodeCacheSlot,
  module: { exports: unknown } = { exports: {} },
): CommonJsRun {
  const source = readFileSync(file, "utf8");
  const cachedData = readCacheFile(slot.file, slot.key);
  // Loaded here, not with the file: the executable's remembered answer (node-launcher.ts) runs
  // none of this, and loading node:vm compiles some 13 KB of Node's own code.
  const { Script: VmScript } = process.getBuiltinModule("node:vm");
  const script = new VmScript(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: file, cachedData },
  );
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, require, module, file, dirname(file));
  return { fromCache, script, readAtStart: cachedData };
}
