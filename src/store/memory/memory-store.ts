import type { SecretStore } from "../../ports/secret-store.js";
import type { RawBackend, RawChange } from "../raw-backend.js";
import { storeOverRaw } from "../store-over-raw.js";

/**
 * A store that lives in this process only, for tests. Pass `entries` (from another memory
 * store's raw map) to let two stores share contents like two processes sharing one keychain.
 */
export function createMemoryStore(entries: Map<string, string> = new Map()): SecretStore {
  return storeOverRaw(memoryBackend(entries));
}

function memoryBackend(entries: Map<string, string>): RawBackend {
  return {
    backend: "memory",
    location: "memory",
    read: (key) => Promise.resolve(entries.get(key)),
    write: (changes: readonly RawChange[]) => {
      for (const { key, text } of changes) {
        if (text === undefined) entries.delete(key);
        else entries.set(key, text);
      }
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...entries.keys()]),
  };
}
