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

/** A {@link SecretStore} over a backend that stores text by key. */
export function storeOverRaw(raw: RawBackend): SecretStore {
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
      await raw.write([{ key: encodeItemKey(ref), text: encodeItemValue(value) }]);
    },
    delete: async (ref: ItemRef): Promise<boolean> => {
      const key = encodeItemKey(ref);
      if ((await raw.read(key)) === undefined) return false;
      await raw.write([{ key, text: undefined }]);
      return true;
    },
    list: async (filter: ItemFilter = {}): Promise<ItemRef[]> => {
      const refs = (await raw.keys()).flatMap((key) => decodeItemKey(key) ?? []);
      return refs.filter((ref) => matches(ref, filter)).sort(compareRefs);
    },
    apply: async (changes: readonly StoreChange[]): Promise<void> => {
      await raw.write(changes.map(toRawChange));
    },
    checkWritable: async (): Promise<void> => {
      await raw.checkWritable?.();
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
