import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../store/memory/memory-store.js";
import { overlaySessions } from "./overlay-sessions.js";

const session = {
  accessKeyId: "ASIAFAKEEXAMPLE",
  secretAccessKey: "fake-TEST",
  sessionToken: "token-TEST",
  expiration: "2030-01-01T00:00:00.000Z",
};
const key = { accessKeyId: "AKIAFAKEEXAMPLE0000", secretAccessKey: "fake-TEST" };

describe("overlaySessions", () => {
  it("keeps sessions in memory and everything else in the store", async () => {
    const store = createMemoryStore();
    const memory = createMemoryStore();
    const view = overlaySessions(store, memory);
    await view.put({ kind: "session", name: "s" }, session);
    await view.apply([{ op: "put", item: { ref: { kind: "long-term", name: "p" }, value: key } }]);
    expect(await store.list()).toEqual([{ kind: "long-term", name: "p" }]);
    expect(await memory.list()).toEqual([{ kind: "session", name: "s" }]);
    expect(await view.get({ kind: "session", name: "s" })).toEqual(session);
    expect(await view.list({ kind: "long-term" })).toEqual([{ kind: "long-term", name: "p" }]);
    expect(await view.list()).toHaveLength(2);
  });
});
