import type { SecretStore } from "../../ports/secret-store.js";

/** Each profile with a long-term key in the store, and that key's access key ID (never the secret). */
export async function readStoredKeyIds(store: SecretStore): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const ref of await store.list({ kind: "long-term" })) {
    const item = await store.get({ kind: "long-term", name: ref.name });
    if (item !== undefined) ids.set(ref.name, item.accessKeyId);
  }
  return ids;
}
