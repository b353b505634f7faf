/* eslint-disable @typescript-eslint/no-deprecated -- require.extensions is Node's one hook for how
   a CommonJS file is compiled, kept for loaders such as this one */
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { runCommonJs, type CodeCacheSlot, type CommonJsRun } from "./code-cache.js";

/** A file {@link cacheModulesUnder} compiled afresh (no usable cache), to save once it has run. */
export interface FreshModule {
  readonly run: CommonJsRun;
  readonly slot: CodeCacheSlot;
}

/**
 * From now on, runs each CommonJS file under `dir` that is required (the CLI proper:
 * dist/cli/main.js and the chunks it loads) from V8's code cache of it, as runCommonJs does for
 * the hot path's file. Each file's cache is `<slotDir>/<its path, / as _>` under the header
 * `<key> <its path>`; `key` must change with any byte of the files (the build's digest): V8
 * itself checks only a source's length. Returns the list, growing as files load, of those
 * compiled afresh, for saveCodeCache once the run is done (its compiled functions are then in
 * the code). Other files load as Node would.
 */
export function cacheModulesUnder(dir: string, slotDir: string, key: string): FreshModule[] {
  const fresh: FreshModule[] = [];
  const prefix = `${dir}${sep}`;
  const extensions = createRequire(prefix).extensions;
  const compileJs = extensions[".js"];
  extensions[".js"] = (module, filename) => {
    if (!filename.startsWith(prefix)) {
      compileJs(module, filename);
      return;
    }
    const name = relative(dir, filename).split(sep).join("/");
    const slot = { file: join(slotDir, name.replaceAll("/", "_")), key: `${key} ${name}` };
    const run = runCommonJs(filename, createRequire(filename), slot, module);
    if (!run.fromCache) fresh.push({ run, slot });
  };
  return fresh;
}
