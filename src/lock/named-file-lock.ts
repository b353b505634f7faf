import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { StoreError } from "../errors.js";
import type { NamedLock } from "../ports/lock.js";

/** How long a waiter waits for the holder: long enough for a person to find their MFA device. */
const waitLimitMs = 5 * 60 * 1000;
const pollMs = 50;

/**
 * A {@link NamedLock} over lock directories in `<dir>` (made 0700), one per name, created
 * atomically by proper-lockfile, refreshed while held and taken over when stale (a crashed
 * holder). The file name is a hash of the lock name, so it reveals no profile or role.
 */
export function namedFileLock(dir: string): NamedLock {
  return {
    async withLock(name, work) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, createHash("sha256").update(name).digest("hex").slice(0, 32));
      // A CommonJS module: its exports are `default` in Node and in the esbuild bundle alike.
      const { default: lockfile } = await import("proper-lockfile");
      let release: () => Promise<void>;
      try {
        release = await lockfile.lock(file, {
          lockfilePath: `${file}.lock`,
          realpath: false,
          retries: {
            retries: waitLimitMs / pollMs,
            factor: 1,
            minTimeout: pollMs,
            maxTimeout: pollMs,
          },
          stale: 30_000,
          // Losing the lock only risks a second MFA prompt, never a wrong credential: go on.
          onCompromised: () => undefined,
        });
      } catch (error) {
        throw new StoreError(`Waited too long for another awsafe process to refresh "${name}"`, {
          hint: `Finish the MFA prompt of the other awsafe process, or stop it; stale locks in ${dir} are taken over after 30 s`,
          cause: error,
        });
      }
      try {
        return await work();
      } finally {
        await release().catch(() => undefined);
      }
    },
  };
}
