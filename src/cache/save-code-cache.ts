import { readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { isBeingWritten } from "../atomic-write-sync.js";
import { readCacheFile, writeCacheFile } from "./cache-file.js";
import type { FreshModule } from "./cache-modules.js";
import type { CodeCacheSlot, CommonJsRun } from "./code-cache.js";

/**
 * Writes V8's code for `run`'s script as it is now, with every function compiled so far, to
 * `slot` (call it when the run is done); returns why it could not, or `undefined`. Never throws.
 * A file of its own, loaded only to write: the run that reads the cache does without it.
 *
 * Writes nothing when another run made the slot's cache since this one read it, or is making it
 * now: of many cold calls that end together (20 tools started at once), one makes the cache,
 * not each, and the others spend neither the serialising nor the disk's time on a copy.
 */
export function saveCodeCache(run: CommonJsRun, slot: CodeCacheSlot): string | undefined {
  try {
    if (madeSince(slot, run.readAtStart) || isBeingWritten(slot.file)) return undefined;
    // Serialised once the temporary file exists, so other runs see the cache is under way.
    return writeCacheFile(slot.file, slot.key, () => [run.script.createCachedData()]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Whether the slot holds a cache for its key other than the one the run read (or none). */
function madeSince(slot: CodeCacheSlot, readAtStart: Uint8Array | undefined): boolean {
  const now = readCacheFile(slot.file, slot.key);
  return now !== undefined && (readAtStart === undefined || Buffer.compare(now, readAtStart) !== 0);
}

/**
 * {@link saveCodeCache} for each file of the CLI proper compiled afresh (cache-modules.ts), into
 * `slotDir`; then removes the other builds' caches beside it. Never throws.
 */
export function saveModuleCaches(fresh: readonly FreshModule[], slotDir: string): void {
  for (const { run, slot } of fresh) saveCodeCache(run, slot);
  removeOtherBuilds(slotDir);
}

/**
 * Removes the other builds' directories of module caches beside `slotDir` (`cli-<digest>`, as
 * `cli-<this build's digest>` is): the caches of files no longer run. Best effort.
 */
function removeOtherBuilds(slotDir: string): void {
  const parent = dirname(slotDir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (name !== basename(slotDir) && /^cli-[0-9a-f]{16}$/.test(name)) {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}
