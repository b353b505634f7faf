import { chown, open, realpath, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { defaultLeftoverMinAgeMs, removeLeftoverTemps, tempName } from "./atomic-write-sync.js";

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
  removeLeftoverTemps(target, options.leftoverMinAgeMs ?? defaultLeftoverMinAgeMs);
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
