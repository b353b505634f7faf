import type {
  ItemFilter,
  ItemKind,
  ItemRef,
  ItemValues,
  SecretStore,
  StoreChange,
} from "../ports/secret-store.js";
import { decodeItemValue, encodeItemValue } from "./item-codec.js";
import { decodeItemKey, encodeItemKey } from "./item-key.js";
import type { RawBackend, RawChange } from "./raw-backend.js";

/**
 * A {@link SecretStore} over a backend that stores text by key. Listings asked for while one is
 * under way share it (see {@link sharedKeys}).
 */
export function storeOverRaw(raw: RawBackend): SecretStore {
  const { keys, write } = sharedKeys(raw);
  return {
    backend: raw.backend,
    location: raw.location,
    get: async <K extends ItemKind>(ref: ItemRef<K>): Promise<ItemValues[K] | undefined> => {
      const text = await raw.read(encodeItemKey(ref));
      return text === undefined
        ? undefined
        : decodeItemValue(ref.kind, text, describeItem(ref, raw));
    },
    put: async <K extends ItemKind>(ref: ItemRef<K>, value: ItemValues[K]): Promise<void> => {
      await write([{ key: encodeItemKey(ref), text: encodeItemValue(value) }]);
    },
    delete: async (ref: ItemRef): Promise<boolean> => {
      const key = encodeItemKey(ref);
      if ((await raw.read(key)) === undefined) return false;
      await write([{ key, text: undefined }]);
      return true;
    },
    list: async (filter: ItemFilter = {}): Promise<ItemRef[]> => {
      const refs = (await keys()).flatMap((key) => decodeItemKey(key) ?? []);
      return refs.filter((ref) => matches(ref, filter)).sort(compareRefs);
    },
    apply: async (changes: readonly StoreChange[]): Promise<void> => {
      await write(changes.map(toRawChange));
    },
    checkWritable: async (): Promise<void> => {
      await raw.checkWritable?.();
    },
  };
}

/**
 * The backend's `keys` and `write`, where a listing asked for while another is under way gets
 * that one's answer instead of asking the backend again, unless a write began since it started.
 * The agent lists the keys for each request it plans: 20 tools started at once would otherwise
 * make 20 keychain searches, each on a D-Bus connection of its own, in the moment the first
 * of them waits for its credentials. A listing shared is at most one search old; a write made
 * through this store is always in the listings that follow it.
 */
function sharedKeys(raw: RawBackend): Pick<RawBackend, "keys" | "write"> {
  let writes = 0;
  let listing: { readonly keys: Promise<string[]>; readonly writes: number } | undefined;
  return {
    keys: () => {
      if (listing !== undefined && listing.writes === writes) return listing.keys;
      const started = { keys: raw.keys(), writes };
      listing = started;
      const done = (): void => {
        if (listing === started) listing = undefined;
      };
      started.keys.then(done, done);
      return started.keys;
    },
    write: async (changes) => {
      // Counted as it begins and as it ends: no listing taken meanwhile is shared afterwards.
      writes++;
      try {
        await raw.write(changes);
      } finally {
        writes++;
      }
    },
  };
}

function toRawChange(change: StoreChange): RawChange {
  return change.op === "put"
    ? { key: encodeItemKey(change.item.ref), text: encodeItemValue(change.item.value) }
    : { key: encodeItemKey(change.ref), text: undefined };
}

function describeItem(ref: ItemRef, raw: RawBackend): string {
  return `"awsafe/${encodeItemKey(ref)}" in ${raw.location}`;
}

function matches(ref: ItemRef, filter: ItemFilter): boolean {
  return (
    (filter.kind === undefined || ref.kind === filter.kind) &&
    (filter.name === undefined || ref.name === filter.name)
  );
}

function compareRefs(a: ItemRef, b: ItemRef): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return 0;
}
