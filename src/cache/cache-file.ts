import { chmod, mkdir, stat } from "node:fs/promises";
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  type Stats,
} from "node:fs";
import path from "node:path";

/**
 * The bytes of `file` after its first line when that line is `header` and the file is private
 * to this user (a regular file of theirs that no one else may read or write, in a directory of
 * theirs that no one else may write); otherwise `undefined`, never an error: a missing,
 * unreadable, foreign or loosened cache is no cache.
 */
export function readCacheFile(file: string, header: string): Buffer | undefined {
  try {
    if (!isPrivate(statSync(path.dirname(file)), 0o022)) return undefined;
    const fd = openSync(file, constants.O_RDONLY | (noFollow ?? 0));
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile() || !isPrivate(stats, 0o077)) return undefined;
      // The header first: a stale entry, which may be large, is not read.
      const head = Buffer.from(`${header}\n`, "utf8");
      const found = Buffer.alloc(head.length);
      if (readSync(fd, found, 0, head.length, null) !== head.length || !found.equals(head)) {
        return undefined;
      }
      // The rest, from where that read stopped, as bytes: the caller may print most as they are.
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Replaces `file` with `header`, a newline and the parts of `body`, atomically (a reader sees the
 * old file or the new one), 0600 in a directory made 0700. Returns why it could not (a read-only
 * or foreign directory, a full disk), or `undefined`; it never throws: a cache that cannot be
 * written costs the next run its time, nothing else.
 */
export async function writeCacheFile(
  file: string,
  header: string,
  body: readonly Uint8Array[],
): Promise<string | undefined> {
  try {
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const stats = await stat(dir);
    if (!isPrivate(stats, 0)) return `${dir} is not this user's`;
    // Ours but loosened (by hand, or made by another tool): awsafe's directories are 0700.
    if ((stats.mode & 0o077) !== 0) await chmod(dir, 0o700);
    // Loaded here: a run that only reads the cache does without it.
    const { writeFileAtomically } = await import("../atomic-write.js");
    await writeFileAtomically(file, [Buffer.from(`${header}\n`, "utf8"), ...body], { mode: 0o600 });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// A symlink put in the cache's place is not followed. Windows has no such flag (Node's types
// say every platform has it).
const noFollow: number | undefined = constants.O_NOFOLLOW;

/** Owned by this user, with none of `looseBits` set (no ownership or modes on Windows). */
function isPrivate(stats: Stats, looseBits: number): boolean {
  if (process.getuid === undefined) return true;
  return stats.uid === process.getuid() && (stats.mode & looseBits) === 0;
}
