import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { namedFileLock } from "./named-file-lock.js";

const root = mkdtempSync(path.join(tmpdir(), "awsafe-lock-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("namedFileLock", () => {
  it("runs holders of one name one at a time, and other names alongside", async () => {
    const dir = path.join(root, "locks");
    const lock = namedFileLock(dir);
    const events: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = lock.withLock("a", async () => {
      events.push("a1 in");
      await firstHolds;
      events.push("a1 out");
    });
    // Wait until the first holder is inside before starting the others.
    while (!events.includes("a1 in")) await new Promise((resolve) => setImmediate(resolve));
    const second = lock.withLock("a", () => {
      events.push("a2 in");
      return Promise.resolve();
    });
    await lock.withLock("b", () => {
      events.push("b in");
      return Promise.resolve();
    });
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(["a1 in", "b in", "a1 out", "a2 in"]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir).filter((name) => name.endsWith(".lock"))).toEqual([]);
  });

  it("releases the lock when the work fails", async () => {
    const lock = namedFileLock(path.join(root, "fail"));
    await expect(lock.withLock("x", () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    await expect(lock.withLock("x", () => Promise.resolve(1))).resolves.toBe(1);
  });
});
