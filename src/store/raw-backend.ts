import type { BackendName } from "../ports/secret-store.js";

/** One change to a {@link RawBackend}: `text` is the item's JSON, `undefined` deletes it. */
export interface RawChange {
  readonly key: string;
  readonly text: string | undefined;
}

/**
 * What each backend adapter implements: text values under the keys of `item-key.ts`. Naming,
 * JSON and validation live once, in `storeOverRaw`, so the backends differ only in where the
 * text goes.
 */
export interface RawBackend {
  readonly backend: BackendName;
  readonly location: string;
  read(key: string): Promise<string | undefined>;
  /** Applies the changes in order; a backend that can makes them all-or-nothing. */
  write(changes: readonly RawChange[]): Promise<void>;
  /** Every key present, including keys this version cannot decode. */
  keys(): Promise<string[]>;
  /** See `SecretStore.checkWritable`. */
  checkWritable?(): Promise<void>;
}
