import { describe, expect, it } from "vitest";
import { fakeKey } from "../../../test/support/fake-keys.js";
import { StoreError, UsageError } from "../../errors.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { createMemoryStore } from "../../store/memory/memory-store.js";
import { migrateStore } from "./migrate-store.js";

const key = fakeKey();
const backup = { source: "/h/.aws/credentials", takenAt: "2026-01-01T00:00:00Z", content: "[a]\n" };

async function filled(): Promise<SecretStore> {
  const store = createMemoryStore();
  await store.put({ kind: "long-term", name: "dev" }, key);
  await store.put({ kind: "backup", name: "import/credentials/0123" }, backup);
  return store;
}

describe("migrateStore", () => {
  it("moves every item, reads it back, and empties the source", async () => {
    const from = await filled();
    const to = createMemoryStore();
    const result = await migrateStore({ from, openTarget: () => Promise.resolve(to) });
    expect(result.moved).toHaveLength(2);
    expect(await from.list()).toEqual([]);
    expect(await to.get({ kind: "long-term", name: "dev" })).toEqual(key);
    expect(await to.get({ kind: "backup", name: "import/credentials/0123" })).toEqual(backup);
  });

  it("finishes after a crash that left the items in both stores, without writing them twice", async () => {
    const from = await filled();
    const to = await filled();
    let writes = 0;
    const counting = {
      ...to,
      apply: (...args: Parameters<SecretStore["apply"]>) => (writes++, to.apply(...args)),
    };
    const result = await migrateStore({ from, openTarget: () => Promise.resolve(counting) });
    expect(result.alreadyCopied).toHaveLength(2);
    expect(writes).toBe(0);
    expect(await from.list()).toEqual([]);
    expect(await to.list()).toHaveLength(2);
  });

  it("refuses, changing nothing, when the target holds a different value", async () => {
    const from = await filled();
    const to = createMemoryStore();
    await to.put({ kind: "long-term", name: "dev" }, fakeKey());
    await expect(migrateStore({ from, openTarget: () => Promise.resolve(to) })).rejects.toThrow(
      UsageError,
    );
    expect(await from.list()).toHaveLength(2);
    expect(await to.list()).toHaveLength(1);
  });

  it("keeps the source when the read-back differs", async () => {
    const from = await filled();
    const to = createMemoryStore();
    const lossy = { ...to, get: () => Promise.resolve(undefined) };
    await expect(migrateStore({ from, openTarget: () => Promise.resolve(lossy) })).rejects.toThrow(
      StoreError,
    );
    expect(await from.list()).toHaveLength(2);
  });

  it("does nothing, and opens no target, when the source is empty", async () => {
    const result = await migrateStore({
      from: createMemoryStore(),
      openTarget: () => Promise.reject(new Error("must not open")),
    });
    expect(result.moved).toEqual([]);
  });
});
