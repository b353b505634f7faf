// Helpers for end-to-end tests of the store commands: a temp HOME whose awsafe uses the
// encrypted-file store with a test passphrase, and a scan for secrets left in plain text.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openEncryptedFileStore } from "../../src/store/encrypted-file/encrypted-file-store.js";
import type { ItemRef } from "../../src/ports/secret-store.js";

/** The passphrase of the test stores; also scanned for, as it is a secret too. */
export const testPassphrase = "correct-horse-TEST-passphrase";

/**
 * The environment for a file-store run: no prompts, the test passphrase, and the test-only
 * lower scrypt cost (each derivation at the default cost takes ~1.5 s).
 */
export function fileStoreEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWSAFE_PROMPT: "none",
    AWSAFE_BACKEND: "file",
    AWSAFE_FILE_PASSPHRASE: testPassphrase,
    AWSAFE_TEST_FILE_WORK_FACTOR: "10",
    ...extra,
  };
}

/** The default file store of a HOME (XDG data dir). */
export function storeFileOf(home: string): string {
  return path.join(home, ".local/share/awsafe/store.age");
}

/** The items in a HOME's file store, read with awsafe's own store module. */
export async function storedItems(home: string): Promise<ItemRef[]> {
  const store = await openEncryptedFileStore({
    file: storeFileOf(home),
    passphrase: () => Promise.resolve(testPassphrase),
  });
  return store.list();
}

/** Every file under `dir` (recursively) whose bytes contain one of `secrets`, with the secret's index. */
export function filesContaining(dir: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    secrets.forEach((secret, index) => {
      if (bytes.includes(secret)) found.push(`${file} holds secret #${index}`);
    });
  }
  return found;
}
