import { StoreError } from "../../errors.js";

/**
 * Runs `work` holding the cross-process lock `<file>.lock` (a directory, made atomically by
 * proper-lockfile, refreshed while held and taken over when stale). Another awsafe process doing
 * a read-modify-write of the same file waits for it.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  // A CommonJS module: its exports are `default` both in Node and in the esbuild bundle, where
  // the named exports Node synthesizes do not exist.
  const { default: lockfile } = await import("proper-lockfile");
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      lockfilePath: `${file}.lock`,
      realpath: false,
      // A holder pays one scrypt derivation (about 1.5 s at work factor 18), so wait well past it.
      retries: { retries: 200, factor: 1.2, minTimeout: 10, maxTimeout: 250 },
      stale: 20_000,
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    throw new StoreError(`Cannot lock ${file}: another process holds ${file}.lock`, {
      hint: "Wait for the other awsafe command to finish; remove the .lock directory only if no awsafe is running.",
      cause: error,
    });
  }
  try {
    const result = await work();
    if (compromised !== undefined) throw lockLost(file, compromised);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
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
