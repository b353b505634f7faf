import type { StoreView } from "../../runtime/inspect-store.js";

/** The store as `list --json` and `explain --json` show it. */
export function storeViewToJson(store: StoreView): unknown {
  return store.status === "open"
    ? { backend: store.backend, status: store.status, location: store.location }
    : {
        backend: store.backend,
        status: store.status,
        message: store.message,
        hint: store.hint ?? null,
      };
}

/**
 * The lines for stderr when the store could not be read without prompting (`what` says what is
 * missing because of it), or "" when it was read.
 */
export function storeViewNote(store: StoreView, what: string): string {
  if (store.status === "open") return "";
  const hint = store.hint === undefined ? "" : `hint: ${store.hint}\n`;
  return `note: ${what}: ${store.message}\n${hint}`;
}
