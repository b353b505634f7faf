import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { isProcessAlive } from "./process-alive.js";

// Synchronous, and node:crypto is loaded only to name a temporary file: caches are written through
// this module (cache-file.ts), the hot path's from its process's 'exit' event, where nothing
// asynchronous runs, and its loading costs the hot path nothing. atomic-write.ts's writer shares
// the temporary files' names and their clean-up.

/**
 * Replaces `file` with the parts `data` makes, one after the other, atomically: a temporary file
 * in the same directory ({@link tempName}), written, synced and given `mode`, is renamed over it,
 * so readers see the old file or the new one. `data` is called once the temporary file exists,
 * so other writers can tell the file is being written ({@link isBeingWritten}). Leftovers of dead
 * writers of `file` older than {@link defaultLeftoverMinAgeMs} go first. The synchronous sibling
 * of atomic-write.ts's writeFileAtomically, for files awsafe alone writes (it neither follows a
 * symlink to its target nor keeps another owner).
 */
export function writeFileAtomicallySync(
  file: string,
  data: () => readonly Uint8Array[],
  mode: number,
): void {
  removeLeftoverTemps(file, defaultLeftoverMinAgeMs);
  const temp = join(dirname(file), tempName(basename(file)));
  const fd = openSync(temp, "wx", mode);
  try {
    try {
      fchmodSync(fd, mode);
      for (const part of data()) {
        for (let done = 0; done < part.length;) done += writeSync(fd, part, done);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never made, or gone.
    }
    throw error;
  }
}

/** Below this age a temporary file may belong to a writer we cannot see (another host or pid namespace). */
export const defaultLeftoverMinAgeMs = 30_000;

const leftoverPattern = /^\.(.+)\.awsafe-tmp-(\d+)-[0-9a-f]{8}$/;

/** `.<name>.awsafe-tmp-<pid>-<8 hex>`: the writer's pid, and randomness against every other writer. */
export function tempName(name: string): string {
  const random = process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex");
  return `.${name}.awsafe-tmp-${String(process.pid)}-${random}`;
}

/**
 * Whether another process on this machine is writing `file` through this module now: a
 * temporary file of {@link tempName}'s form for it exists and its writer's pid is running.
 */
export function isBeingWritten(file: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return false;
  }
  return names.some((name) => {
    const match = leftoverPattern.exec(name);
    if (match?.[1] !== basename(file)) return false;
    const pid = Number(match[2]);
    return pid > 0 && pid !== process.pid && isProcessAlive(pid);
  });
}

/**
 * Removes the temporary files an awsafe writer of `file` left when it died: only names of
 * {@link tempName}'s form for this very file, regular files owned by this user, whose writer pid
 * is no longer running and which are at least `minAgeMs` old. Best effort: what cannot be read
 * or removed is left. Returns the paths removed.
 */
export function removeLeftoverTemps(file: string, minAgeMs: number): string[] {
  const dir = dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = leftoverPattern.exec(name);
    if (match?.[1] !== basename(file)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    const leftover = join(dir, name);
    const info = lstatSync(leftover, { throwIfNoEntry: false });
    if (info === undefined || !info.isFile() || !ownedByUs(info.uid)) continue;
    if (Date.now() - info.mtimeMs < minAgeMs) continue;
    try {
      unlinkSync(leftover);
      removed.push(leftover);
    } catch {
      // Removed meanwhile, or not ours to remove.
    }
  }
  return removed;
}

function ownedByUs(uid: number): boolean {
  return process.getuid === undefined || uid === process.getuid();
}
