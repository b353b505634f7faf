import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  type Stats,
} from "node:fs";
import { dirname } from "node:path";
import { writeFileAtomicallySync } from "../atomic-write-sync.js";

/**
 * The bytes of `file` after its first line when that line is `header` and the file is private
 * to this user (a regular file of theirs that no one else may read or write, in a directory of
 * theirs that no one else may write); otherwise `undefined`, never an error: a missing,
 * unreadable, foreign or loosened cache is no cache. The file is read whole, in one call: the hot
 * path reads its code cache here, and each of Node's file functions costs its first caller the
 * compiling of it. For the same reason the header is compared byte by byte and the rest is a
 * plain view of the bytes read: Buffer's text and slicing methods are Node's JavaScript, which
 * the hot path would compile for this alone (about 1 % of a cached call's instructions).
 */
export function readCacheFile(file: string, header: string): Uint8Array | undefined {
  try {
    const fd = openSync(file, constants.O_RDONLY | (noFollow ?? 0));
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile() || !isPrivate(stats, 0o077)) return undefined;
      if (!isPrivate(statSync(dirname(file)), 0o022)) return undefined;
      const bytes = Buffer.allocUnsafe(stats.size);
      if (readSync(fd, bytes, 0, stats.size, 0) !== stats.size) return undefined;
      const headLength = headerLineLength(bytes, header);
      if (headLength === undefined) return undefined;
      // As bytes: the caller may print most as they are.
      return new Uint8Array(bytes.buffer, bytes.byteOffset + headLength, stats.size - headLength);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Replaces `file` with `header`, a newline and the parts of `body`, atomically (a reader sees the
 * old file or the new one), 0600 in a directory made 0700. A `body` given as a function is made
 * once the temporary file exists (see atomic-write-sync.ts's `isBeingWritten`). Returns why it
 * could not (a read-only or foreign directory, a full disk), or `undefined`; it never throws: a
 * cache that cannot be written costs the next run its time, nothing else. Synchronous: the hot
 * path writes its code cache from its process's 'exit' event.
 */
export function writeCacheFile(
  file: string,
  header: string,
  body: readonly Uint8Array[] | (() => readonly Uint8Array[]),
): string | undefined {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = statSync(dir);
    if (!isPrivate(stats, 0)) return `${dir} is not this user's`;
    // Ours but loosened (by hand, or made by another tool): awsafe's directories are 0700.
    if ((stats.mode & 0o077) !== 0) chmodSync(dir, 0o700);
    const head = Buffer.from(`${header}\n`, "utf8");
    writeFileAtomicallySync(
      file,
      () => [head, ...(typeof body === "function" ? body() : body)],
      0o600,
    );
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The length of `header` and its newline when `bytes` start with them, else `undefined`. */
function headerLineLength(bytes: Uint8Array, header: string): number | undefined {
  for (let i = 0; i < header.length; i++) {
    const code = header.charCodeAt(i);
    // Code caches' headers are ASCII; any other is compared as its UTF-8.
    if (code > 0x7f) return encodedHeaderLineLength(bytes, header);
    if (bytes[i] !== code) return undefined;
  }
  return bytes[header.length] === 0x0a ? header.length + 1 : undefined;
}

function encodedHeaderLineLength(bytes: Uint8Array, header: string): number | undefined {
  const line = Buffer.from(`${header}\n`, "utf8");
  return line.length <= bytes.length && Buffer.compare(line, bytes.subarray(0, line.length)) === 0
    ? line.length
    : undefined;
}

// A symlink put in the cache's place is not followed. Windows has no such flag (Node's types
// say every platform has it).
const noFollow: number | undefined = constants.O_NOFOLLOW;

/** Owned by this user, with none of `looseBits` set (no ownership or modes on Windows). */
function isPrivate(stats: Stats, looseBits: number): boolean {
  if (process.getuid === undefined) return true;
  return stats.uid === process.getuid() && (stats.mode & looseBits) === 0;
}
