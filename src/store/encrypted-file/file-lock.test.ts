import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFileLock } from "./file-lock.js";
import { ownerFileOf } from "./lock-owner.js";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "awsafe-file-lock-"));
  file = path.join(dir, "store.age");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

/** `<file>.lock` as a holder with `pid` leaves it: the directory and its owner record. */
function heldBy(pid: number, host = hostname()): string {
  const lockDir = `${file}.lock`;
  mkdirSync(lockDir);
  const made = statSync(lockDir);
  const owner = { pid, host, lockIno: made.ino, lockMtimeMs: made.mtimeMs };
  writeFileSync(ownerFileOf(lockDir), JSON.stringify(owner));
  return lockDir;
}

describe("withFileLock", () => {
  it("records its holder beside the lock while held, and removes both after", async () => {
    const lockDir = `${file}.lock`;
    const seen = await withFileLock(file, () =>
      Promise.resolve([existsSync(lockDir), existsSync(ownerFileOf(lockDir))]),
    );
    expect(seen).toEqual([true, true]);
    expect(existsSync(lockDir)).toBe(false);
    expect(existsSync(ownerFileOf(lockDir))).toBe(false);
  });

  it("takes over at once a lock whose holder died, without a word", async () => {
    heldBy(deadPid());
    const lines: string[] = [];
    const started = Date.now();
    expect(
      await withFileLock(file, () => Promise.resolve("done"), { onWait: (l) => lines.push(l) }),
    ).toBe("done");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(lines).toEqual([]);
  });

  it("says once whom it waits for when a live holder keeps it over a second", async () => {
    const lockDir = heldBy(process.ppid);
    setTimeout(() => {
      rmSync(ownerFileOf(lockDir));
      rmdirSync(lockDir);
    }, 1_500);
    const lines: string[] = [];
    await withFileLock(file, () => Promise.resolve(), { onWait: (l) => lines.push(l) });
    expect(lines).toEqual([
      `waiting for awsafe process ${String(process.ppid)}, which is writing ${file}`,
    ]);
  });

  it("does not judge a lock by a record of another host, or of an earlier lock directory", async () => {
    const lockDir = heldBy(deadPid(), "another-host.example");
    const attempt = withFileLock(file, () => Promise.resolve(), { waitLimitMs: 300 });
    await expect(attempt).rejects.toThrow(/another process holds/);
    rmSync(ownerFileOf(lockDir));
    rmdirSync(lockDir);
    heldBy(deadPid());
    // The record now names a directory made before this one: it says nothing about the holder.
    rmdirSync(lockDir);
    mkdirSync(lockDir);
    const again = withFileLock(file, () => Promise.resolve(), { waitLimitMs: 300 });
    await expect(again).rejects.toThrow(/another process holds/);
  });
});
