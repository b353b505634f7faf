import { StoreError } from "../../errors.js";
import { currentOwner, dropOwner, recordOwner, removeDeadOwnersLock } from "./lock-owner.js";

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** Told once, when the wait passes {@link lockNoticeAfterMs}: whom it waits for. */
  readonly onWait?: ((line: string) => void) | undefined;
  /** How long to wait for another holder before giving up; default 60 s. */
  readonly waitLimitMs?: number;
}

/** A wait shorter than this is not worth a line on the terminal. */
export const lockNoticeAfterMs = 1_000;

/** After this long without a refresh, proper-lockfile takes a lock over whoever made it. */
const staleMs = 20_000;

/**
 * Runs `work` holding the cross-process lock `<file>.lock` (a directory, made atomically by
 * proper-lockfile and refreshed while held), with the holder recorded beside it (see
 * `lock-owner.ts`). Another awsafe process doing a read-modify-write of the same file waits for
 * it; a lock whose recorded holder has died is removed at once, and one without a readable
 * record is taken over once it is 20 s stale. A wait of more than a second is announced once
 * through `onWait`, so a command never sits silent on a lock.
 */
export async function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lockDir = `${file}.lock`;
  let compromised: Error | undefined;
  const release = await acquire(file, lockDir, options, (error) => {
    compromised = error;
  });
  try {
    await recordOwner(lockDir);
    const result = await work();
    if (compromised !== undefined) throw lockLost(file, compromised);
    return result;
  } finally {
    await dropOwner(lockDir);
    await release().catch(() => undefined);
  }
}

async function acquire(
  file: string,
  lockDir: string,
  options: FileLockOptions,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  // A CommonJS module: its exports are `default` both in Node and in the esbuild bundle, where
  // the named exports Node synthesizes do not exist.
  const { default: lockfile } = await import("proper-lockfile");
  const started = Date.now();
  const deadline = started + (options.waitLimitMs ?? 60_000);
  let announced = false;
  for (let attempt = 0; ; attempt++) {
    await removeDeadOwnersLock(lockDir);
    try {
      return await lockfile.lock(file, {
        lockfilePath: lockDir,
        realpath: false,
        retries: 0,
        stale: staleMs,
        onCompromised,
      });
    } catch (error) {
      if (!isErrno(error, "ELOCKED") || Date.now() >= deadline) throw cannotLock(file, error);
    }
    if (!announced && Date.now() - started >= lockNoticeAfterMs) {
      announced = true;
      options.onWait?.(await waitingLine(file, lockDir));
    }
    // A holder pays one scrypt derivation (about 1.5 s at work factor 18): poll, gently.
    await sleep(Math.min(250, 10 * 1.5 ** attempt));
  }
}

async function waitingLine(file: string, lockDir: string): Promise<string> {
  const owner = await currentOwner(lockDir);
  return owner === undefined
    ? `waiting for ${lockDir}, held by another process (taken over when it is ${String(staleMs / 1000)} s stale)`
    : `waiting for awsafe process ${String(owner.pid)}, which is writing ${file}`;
}

function cannotLock(file: string, cause: unknown): StoreError {
  return new StoreError(`Cannot lock ${file}: another process holds ${file}.lock`, {
    hint: "Wait for the other awsafe command to finish; remove the .lock directory only if no awsafe is running.",
    cause,
  });
}

function lockLost(file: string, cause: Error): StoreError {
  return new StoreError(
    `Lost the lock on ${file} while writing it: another process may have replaced this change`,
    {
      hint: "Another process took the lock over as stale; check the store (awsafe list) and run the command again.",
      cause,
    },
  );
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
