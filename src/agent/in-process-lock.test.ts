import { describe, expect, it } from "vitest";
import { inProcessLock } from "./in-process-lock.js";

describe("inProcessLock", () => {
  it("runs work under one name in order, even after a failure", async () => {
    const lock = inProcessLock();
    const events: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = lock.withLock("a", async () => {
      events.push("1 in");
      await gate;
      events.push("1 out");
      throw new Error("first failed");
    });
    const second = lock.withLock("a", () => {
      events.push("2");
      return Promise.resolve(2);
    });
    const other = lock.withLock("b", () => {
      events.push("b");
      return Promise.resolve("b");
    });
    await other;
    release();
    await expect(first).rejects.toThrow("first failed");
    await expect(second).resolves.toBe(2);
    expect(events).toEqual(["1 in", "b", "1 out", "2"]);
  });
});
