import { StoreError, UsageError } from "../../errors.js";
import type { ItemRef, SecretStore, StoreChange, StoredItem } from "../../ports/secret-store.js";

/** How {@link migrateStore} reaches the two stores. */
export interface MigrateOptions {
  readonly from: SecretStore;
  /** Opens the target; called twice, so the read-back goes through a fresh handle. */
  readonly openTarget: () => Promise<SecretStore>;
  /** Called after each step; tests use it to kill the process there. */
  readonly checkpoint?: (step: "after-copy" | "after-delete") => void;
}

/** What migrate moved. */
export interface MigrateResult {
  /** Items now in the target and no longer in the source. */
  readonly moved: readonly ItemRef[];
  /** Of those, items the target already held with the same value (a rerun after a crash). */
  readonly alreadyCopied: readonly ItemRef[];
}

/**
 * Moves every item from one store to another: copy (one batch), read everything back through a
 * fresh handle of the target and compare, then delete from the source (one batch). A crash at
 * any point leaves each item in the source, or in both with the same value; a rerun copies what
 * is missing and deletes what is verified, so nothing is lost or duplicated. An item the target
 * holds with a different value stops the move before anything is written.
 *
 * @throws UsageError on such a conflict; StoreError when the read-back differs (the source is kept).
 */
export async function migrateStore(options: MigrateOptions): Promise<MigrateResult> {
  const { from } = options;
  const items: StoredItem[] = [];
  for (const ref of await from.list()) {
    const item = await readItem(from, ref);
    if (item !== undefined) items.push(item);
  }
  if (items.length === 0) return { moved: [], alreadyCopied: [] };
  const target = await options.openTarget();
  const copies: StoreChange[] = [];
  const alreadyCopied: ItemRef[] = [];
  const conflicts: string[] = [];
  for (const item of items) {
    const there = await readItem(target, item.ref);
    if (there === undefined) copies.push({ op: "put", item });
    else if (sameValue(there, item)) alreadyCopied.push(item.ref);
    else conflicts.push(describe(item.ref));
  }
  if (conflicts.length > 0) {
    throw new UsageError(
      `${target.location} already holds different values for ${conflicts.join(", ")}; nothing was moved`,
      {
        hint: "Remove those items from one of the stores (awsafe remove PROFILE --backend B), then migrate again.",
      },
    );
  }
  if (copies.length > 0) await target.apply(copies);
  options.checkpoint?.("after-copy");
  await verify(await options.openTarget(), items);
  await from.apply(items.map((item) => ({ op: "delete", ref: item.ref })));
  options.checkpoint?.("after-delete");
  return { moved: items.map((item) => item.ref), alreadyCopied };
}

async function readItem(store: SecretStore, ref: ItemRef): Promise<StoredItem | undefined> {
  // One branch per kind keeps each value typed with its own kind.
  switch (ref.kind) {
    case "long-term": {
      const value = await store.get({ kind: ref.kind, name: ref.name });
      return value === undefined ? undefined : { ref: { kind: ref.kind, name: ref.name }, value };
    }
    case "session": {
      const value = await store.get({ kind: ref.kind, name: ref.name });
      return value === undefined ? undefined : { ref: { kind: ref.kind, name: ref.name }, value };
    }
    case "sso-token": {
      const value = await store.get({ kind: ref.kind, name: ref.name });
      return value === undefined ? undefined : { ref: { kind: ref.kind, name: ref.name }, value };
    }
    case "sso-client": {
      const value = await store.get({ kind: ref.kind, name: ref.name });
      return value === undefined ? undefined : { ref: { kind: ref.kind, name: ref.name }, value };
    }
    case "backup": {
      const value = await store.get({ kind: ref.kind, name: ref.name });
      return value === undefined ? undefined : { ref: { kind: ref.kind, name: ref.name }, value };
    }
    case "rotation": {
      const value = await store.get({ kind: ref.kind, name: ref.name });
      return value === undefined ? undefined : { ref: { kind: ref.kind, name: ref.name }, value };
    }
  }
}

async function verify(target: SecretStore, items: readonly StoredItem[]): Promise<void> {
  for (const item of items) {
    const copy = await readItem(target, item.ref);
    if (copy === undefined || !sameValue(copy, item)) {
      throw new StoreError(
        `Reading ${describe(item.ref)} back from ${target.location} gave a different value; the source store was left as it was`,
        { hint: "Check the target store, then run awsafe migrate again." },
      );
    }
  }
}

function sameValue(a: StoredItem, b: StoredItem): boolean {
  return JSON.stringify(a.value) === JSON.stringify(b.value);
}

function describe(ref: ItemRef): string {
  return `${ref.kind} item "${ref.name}"`;
}
