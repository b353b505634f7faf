import type { Script } from "node:vm";
import { writeCacheFile } from "./cache-file.js";
import type { CodeCacheSlot } from "./code-cache.js";

/**
 * Writes V8's code for `script` as it is now, with every function compiled so far, to `slot`
 * (call it when the run is done); returns why it could not, or `undefined`. Never throws. A file
 * of its own, loaded only to write: the run that reads the cache does without it.
 */
export function saveCodeCache(script: Script, slot: CodeCacheSlot): string | undefined {
  try {
    return writeCacheFile(slot.file, slot.key, [script.createCachedData()]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
