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

  it("drops a waiter whose client left, and lets the one behind it run", async () => {
    const lock = inProcessLock();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    const holder = lock.withLock("s", async () => {
      await gate;
      ran.push("holder");
    });
    const leaving = new AbortController();
    const left = lock.withLock(
      "s",
      () => {
        ran.push("left");
        return Promise.resolve();
      },
      { signal: leaving.signal },
    );
    const after = lock.forRequest({}).withLock("s", () => {
      ran.push("after");
      return Promise.resolve();
    });
    leaving.abort();
    await expect(left).rejects.toThrow(/client went away/);
    release();
    await holder;
    await after;
    expect(ran).toEqual(["holder", "after"]);
  });

  it("gives up waiting after its limit with a clear error, and never runs late", async () => {
    const lock = inProcessLock(100);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holder = lock.withLock("s", () => gate);
    let ran = false;
    const waiter = lock.withLock("s", () => {
      ran = true;
      return Promise.resolve();
    });
    await expect(waiter).rejects.toThrow(/Waited 0.1 s for another request to refresh "s"/);
    release();
    await holder;
    await lock.withLock("s", () => Promise.resolve());
    expect(ran).toBe(false);
  });
});
