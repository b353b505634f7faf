import { describe, expect, it } from "vitest";
import { StoreError } from "../errors.js";
import { createMemoryStore } from "./memory/memory-store.js";

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
});
