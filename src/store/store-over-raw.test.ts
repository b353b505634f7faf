import { describe, expect, it } from "vitest";
import { StoreError } from "../errors.js";
import { createMemoryStore } from "./memory/memory-store.js";
import type { RawBackend } from "./raw-backend.js";
import { storeOverRaw } from "./store-over-raw.js";

/** A backend whose listings and writes finish only when the test says. */
function slowBackend() {
  const entries = new Map<string, string>([["dev/long-term", "{}"]]);
  const pending: (() => void)[] = [];
  const later = <T>(work: () => T): Promise<T> =>
    new Promise((resolve) => {
      pending.push(() => {
        resolve(work());
      });
    });
  let listings = 0;
  const raw: RawBackend = {
    backend: "keychain",
    location: "a test keychain",
    read: (key) => Promise.resolve(entries.get(key)),
    write: (changes) =>
      later(() => {
        for (const { key, text } of changes) {
          if (text === undefined) entries.delete(key);
          else entries.set(key, text);
        }
      }),
    keys: () => {
      listings++;
      return later(() => [...entries.keys()]);
    },
  };
  const finish = async (): Promise<void> => {
    while (pending.length > 0) pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { store: storeOverRaw(raw), finish, listings: () => listings };
}

const names = (refs: readonly { name: string }[]) => refs.map((ref) => ref.name);

describe("storeOverRaw", () => {
  it("rejects a stored value that does not match its kind, naming the item and field only", async () => {
    const entries = new Map([
      [
        "dev/long-term",
        JSON.stringify({ accessKeyId: "AKIAEXAMPLETEST", secret: "fake-TEST-value" }),
      ],
    ]);
    const store = createMemoryStore(entries);
    const error = await store.get({ kind: "long-term", name: "dev" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toContain('"awsafe/dev/long-term"');
    expect(String(error)).toContain('field "secretAccessKey" is missing');
    expect(String(error)).not.toContain("fake-TEST-value");
  });

  it.each([["not json"], ["[1]"], ["null"], ['{"accessKeyId":1,"secretAccessKey":"s"}']])(
    "rejects stored text %j",
    async (text) => {
      const store = createMemoryStore(new Map([["dev/long-term", text]]));
      await expect(store.get({ kind: "long-term", name: "dev" })).rejects.toThrow(StoreError);
    },
  );

  it("keeps only known fields, so values from newer versions still read", async () => {
    const stored = {
      accessKeyId: "AKIAEXAMPLETEST",
      secretAccessKey: "fake-TEST",
      futureField: { a: 1 },
    };
    const store = createMemoryStore(new Map([["dev/long-term", JSON.stringify(stored)]]));
    expect(await store.get({ kind: "long-term", name: "dev" })).toEqual({
      accessKeyId: "AKIAEXAMPLETEST",
      secretAccessKey: "fake-TEST",
    });
  });

  it("leaves keys it cannot decode out of list", async () => {
    const entries = new Map([
      ["dev/long-term", "{}"],
      ["dev/future-kind", "{}"],
      ["bad%ZZ/long-term", "{}"],
      ["no-kind", "{}"],
    ]);
    expect(await createMemoryStore(entries).list()).toEqual([{ kind: "long-term", name: "dev" }]);
  });

  it("answers listings asked for while one is under way with that one", async () => {
    const { store, finish, listings } = slowBackend();
    const both = Promise.all([store.list(), store.list({ kind: "long-term" })]);
    await finish();
    expect((await both).map(names)).toEqual([["dev"], ["dev"]]);
    expect(listings()).toBe(1);
    const again = store.list();
    await finish();
    expect(names(await again)).toEqual(["dev"]);
    expect(listings()).toBe(2);
  });

  it("lists afresh once a write began, so the write is in every later listing", async () => {
    const { store, finish, listings } = slowBackend();
    const before = store.list();
    const written = store.put(
      { kind: "long-term", name: "ops" },
      { accessKeyId: "AKIAEXAMPLETEST", secretAccessKey: "fake-TEST" },
    );
    const during = store.list();
    await finish();
    await written;
    const after = store.list();
    await finish();
    expect(names(await before)).toEqual(["dev"]);
    expect(names(await after)).toEqual(["dev", "ops"]);
    await during;
    expect(listings()).toBe(3);
  });
});
