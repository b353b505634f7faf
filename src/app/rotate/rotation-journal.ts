import type { ItemRef, SecretStore } from "../../ports/secret-store.js";
import { readStoredKeyIds } from "../store/read-stored-keys.js";

/** The journal item of a rotation of `profile`'s key. */
export function journalRef(profile: string): ItemRef<"rotation"> {
  return { kind: "rotation", name: profile };
}

/** The profiles whose stored key is `accessKeyId`, sorted. */
export async function profilesStoring(store: SecretStore, accessKeyId: string): Promise<string[]> {
  const holders: string[] = [];
  for (const [profile, id] of await readStoredKeyIds(store)) {
    if (id === accessKeyId) holders.push(profile);
  }
  return holders.sort();
}
