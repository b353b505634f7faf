import { join } from "node:path";

/**
 * The encrypted file store's path in `dataDir`. A file of its own: the hot path asks whether the
 * store exists, and needs none of the code that opens it (open-store.ts).
 */
export function encryptedStoreFile(dataDir: string): string {
  return join(dataDir, "store.age");
}
