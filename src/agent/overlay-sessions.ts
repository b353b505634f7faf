import type { ItemFilter, ItemRef, SecretStore, StoreChange } from "../ports/secret-store.js";

/**
 * The agent's view of the store: sessions live in `sessions` (its memory, never on disk or in
 * the keychain), everything else in `store`.
 */
export function overlaySessions(store: SecretStore, sessions: SecretStore): SecretStore {
  const pick = (ref: ItemRef) => (ref.kind === "session" ? sessions : store);
  return {
    backend: store.backend,
    location: store.location,
    get: (ref) => pick(ref).get(ref),
    put: (ref, value) => pick(ref).put(ref, value),
    delete: (ref) => pick(ref).delete(ref),
    list: async (filter?: ItemFilter) => {
      if (filter?.kind === "session") return sessions.list(filter);
      if (filter?.kind !== undefined) return store.list(filter);
      return [...(await store.list(filter)), ...(await sessions.list(filter))];
    },
    apply: async (changes: readonly StoreChange[]) => {
      const isSession = (change: StoreChange) =>
        (change.op === "put" ? change.item.ref.kind : change.ref.kind) === "session";
      await sessions.apply(changes.filter(isSession));
      await store.apply(changes.filter((change) => !isSession(change)));
    },
  };
}
