import { randomBytes } from "node:crypto";
import { chown, lstat, open, readdir, realpath, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "./process-alive.js";

/** Options of {@link writeFileAtomically}. */
export interface AtomicWriteOptions {
  /** The file's mode (0600 for anything that may hold a secret), whatever the umask. */
  readonly mode: number;
  /** Also sync the directory after the rename, so the new name survives a power cut. */
  readonly syncDirectory?: boolean;
  /**
   * How old a dead writer's temporary file of this same file must be before this write removes
   * it (default 30 s). Zero is safe only while holding a lock every writer of the file takes.
   */
  readonly leftoverMinAgeMs?: number;
  /** Called once the temporary file is written and synced, just before the rename (tests crash there). */
  readonly beforeRename?: () => void;
}

/**
 * Replaces `file` with `data` (or its parts, one after the other, which spares copying them
 * into one buffer) atomically: a temporary file in the same directory, written,
 * synced and given `mode`, is renamed over it, so readers see the old file or the new one and a
 * crash leaves the old one byte for byte. A symlink is written through to its target. The
 * temporary file is named `.<name>.awsafe-tmp-<pid>-<random>`, so a later write can tell which
 * leftovers are awsafe's and whose writer is dead, and removes them first (see
 * {@link removeLeftoverTemps}).
 *
 * Our own rather than `write-file-atomic`: that library names its temporary file
 * `<name>.<murmurhash>` and removes it only when the process exits normally or on a signal it
 * can catch, so a `kill -9` leaves a file nobody can safely recognise afterwards.
 */
export async function writeFileAtomically(
  file: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: AtomicWriteOptions,
): Promise<void> {
  const target = await realpath(file).catch(() => file);
  await removeLeftoverTemps(target, options.leftoverMinAgeMs ?? defaultLeftoverMinAgeMs);
  const temp = path.join(path.dirname(target), tempName(path.basename(target)));
  const handle = await open(temp, "wx", options.mode);
  try {
    try {
      await handle.chmod(options.mode);
      const parts = typeof data === "string" || data instanceof Uint8Array ? [data] : data;
      // Each writeFile writes from where the last one ended.
      for (const part of parts) await handle.writeFile(part);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepOwner(target, temp);
    options.beforeRename?.();
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (options.syncDirectory === true) await syncDirectory(path.dirname(target));
}

/** Below this age a temporary file may belong to a writer we cannot see (another host or pid namespace). */
const defaultLeftoverMinAgeMs = 30_000;

const leftoverPattern = /^\.(.+)\.awsafe-tmp-(\d+)-[0-9a-f]{8}$/;

/** `.<name>.awsafe-tmp-<pid>-<8 hex>`: the writer's pid, and randomness against every other writer. */
export function tempName(name: string): string {
  return `.${name}.awsafe-tmp-${String(process.pid)}-${randomBytes(4).toString("hex")}`;
}

/**
 * Removes the temporary files an awsafe writer of `file` left when it died: only names of
 * {@link tempName}'s form for this very file, regular files owned by this user, whose writer pid
 * is no longer running and which are at least `minAgeMs` old. Best effort: what cannot be read
 * or removed is left. Returns the paths removed.
 */
export async function removeLeftoverTemps(file: string, minAgeMs: number): Promise<string[]> {
  const dir = path.dirname(file);
  const names = await readdir(dir).catch(() => []);
  const removed: string[] = [];
  for (const name of names) {
    const match = leftoverPattern.exec(name);
    if (match?.[1] !== path.basename(file)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    const leftover = path.join(dir, name);
    const info = await lstat(leftover).catch(() => undefined);
    if (info === undefined || !info.isFile() || !ownedByUs(info.uid)) continue;
    if (Date.now() - info.mtimeMs < minAgeMs) continue;
    await unlink(leftover).then(
      () => removed.push(leftover),
      () => undefined,
    );
  }
  return removed;
}

function ownedByUs(uid: number): boolean {
  return process.getuid === undefined || uid === process.getuid();
}

/** As write-file-atomic does: the new file keeps the old one's owner (when this process may set it). */
async function keepOwner(target: string, temp: string): Promise<void> {
  const old = await stat(target).catch(() => undefined);
  if (old === undefined || process.getuid === undefined) return;
  const mine = await stat(temp);
  if (old.uid === mine.uid && old.gid === mine.gid) return;
  await chown(temp, old.uid, old.gid).catch(() => undefined);
}

async function syncDirectory(dir: string): Promise<void> {
  // Not every platform can open a directory (Windows cannot); the rename is done either way.
  const handle = await open(dir, "r").catch(() => undefined);
  if (handle === undefined) return;
  await handle
    .sync()
    .catch(() => undefined)
    .finally(() => handle.close());
}
