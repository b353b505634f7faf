import { readFile, rename, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { isProcessAlive } from "../../process-alive.js";

/**
 * Who holds a lock directory: the holder's pid and host, and the directory it made (inode and
 * mtime right after making it). proper-lockfile's lock is a bare directory, removed with
 * `rmdir`, so this record sits beside it in `<lock>-owner`. It tells a waiter whom it waits for,
 * and lets it remove at once a lock whose holder has died, instead of waiting out the 20 s after
 * which proper-lockfile calls any lock stale.
 */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly lockIno: number;
  readonly lockMtimeMs: number;
}

/** The owner record of `lockDir`. */
export function ownerFileOf(lockDir: string): string {
  return `${lockDir}-owner`;
}

/** Records this process as the holder of `lockDir`, which it has just made. */
export async function recordOwner(lockDir: string): Promise<void> {
  const made = await stat(lockDir);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    lockIno: made.ino,
    lockMtimeMs: made.mtimeMs,
  };
  await writeFile(ownerFileOf(lockDir), `${JSON.stringify(owner)}\n`, { mode: 0o600 });
}

/** Removes this process's owner record, before the lock itself goes. */
export async function dropOwner(lockDir: string): Promise<void> {
  const owner = await readOwner(ownerFileOf(lockDir));
  if (owner?.pid === process.pid && owner.host === hostname()) {
    await unlink(ownerFileOf(lockDir)).catch(() => undefined);
  }
}

/** The holder of `lockDir` when its record is readable and is the record of this very directory. */
export async function currentOwner(lockDir: string): Promise<LockOwner | undefined> {
  const [lock, owner] = await Promise.all([
    stat(lockDir).catch(() => undefined),
    readOwner(ownerFileOf(lockDir)),
  ]);
  if (lock === undefined || owner === undefined) return undefined;
  // A record left by an earlier holder names another directory: its pid says nothing about this one.
  return owner.lockIno === lock.ino && owner.lockMtimeMs === lock.mtimeMs ? owner : undefined;
}

/**
 * Removes `lockDir` when its recorded holder is a process of this host that is no longer
 * running. Of several waiters that find the same dead holder, only the one whose rename of the
 * owner record succeeds removes the lock; the others go on waiting, and then find it free or
 * held by the winner. Returns the dead holder's pid, or `undefined` when nothing was removed.
 */
export async function removeDeadOwnersLock(lockDir: string): Promise<number | undefined> {
  const owner = await currentOwner(lockDir);
  if (owner === undefined || owner.host !== hostname() || isProcessAlive(owner.pid)) {
    return undefined;
  }
  const ownerFile = ownerFileOf(lockDir);
  const claim = `${ownerFile}.claimed-${String(process.pid)}`;
  try {
    await rename(ownerFile, claim);
  } catch {
    return undefined;
  }
  const claimed = await readOwner(claim);
  if (claimed === undefined || !sameOwner(claimed, owner)) {
    // A new holder recorded itself between our look and our claim: give its record back.
    await rename(claim, ownerFile).catch(() => undefined);
    return undefined;
  }
  await rmdir(lockDir).catch(() => undefined);
  await unlink(claim).catch(() => undefined);
  return owner.pid;
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch {
    // Missing, or caught half written: nobody can be judged by it.
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const record: Partial<Record<keyof LockOwner, unknown>> = parsed;
  const { pid, host, lockIno, lockMtimeMs } = record;
  if (typeof pid !== "number" || typeof host !== "string") return undefined;
  if (typeof lockIno !== "number" || typeof lockMtimeMs !== "number") return undefined;
  return { pid, host, lockIno, lockMtimeMs };
}

function sameOwner(a: LockOwner, b: LockOwner): boolean {
  return (
    a.pid === b.pid &&
    a.host === b.host &&
    a.lockIno === b.lockIno &&
    a.lockMtimeMs === b.lockMtimeMs
  );
}
