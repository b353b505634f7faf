import { statSync } from "node:fs";

/**
 * One version of a file, as far as its metadata tells: equal stamps, equal contents (outside
 * {@link isRacy}'s window).
 */
export interface FileStamp {
  /** `dev:ino:size:mtime:ctime` (times in ns), or `absent` when there is no file. */
  readonly id: string;
  /** When the file last changed: the later of its mtime and ctime, ns since the epoch (0: absent). */
  readonly changedNs: bigint;
}

/**
 * The stamp of `file` (followed through symlinks, as a reader follows them), `absent` when
 * nothing is there. `undefined` when its stamp says nothing of its contents or cannot be had: a
 * FIFO or device (`/dev/stdin`), a directory, a file that cannot be stat'ed.
 */
export function stampFile(file: string): FileStamp | undefined {
  let stats;
  try {
    stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (stats === undefined) return { id: "absent", changedNs: 0n };
  if (!stats.isFile()) return undefined;
  const { dev, ino, size, mtimeNs, ctimeNs } = stats;
  return {
    id: `${dev}:${ino}:${size}:${mtimeNs}:${ctimeNs}`,
    changedNs: mtimeNs > ctimeNs ? mtimeNs : ctimeNs,
  };
}

/**
 * How close to a file's last change something derived from it must not be made (or trusted):
 * file times are coarse (a clock tick on ext4, 1 s on HFS+ and ext3, 2 s on FAT), so a file
 * written twice within one tick at the same size keeps its stamp while its contents change.
 */
export const racyWindowMs = 2_000;

/**
 * Whether something derived from files with these stamps at `madeAtMs` (read before the files
 * were stat'ed and read) might not match their contents, as git's index treats a file changed
 * in the second it was written ("racily clean"): some file changed less than
 * {@link racyWindowMs} before, or after, `madeAtMs`.
 */
export function isRacy(stamps: readonly FileStamp[], madeAtMs: number): boolean {
  const safeBeforeNs = BigInt(Math.floor(madeAtMs) - racyWindowMs) * 1_000_000n;
  return stamps.some((stamp) => stamp.changedNs >= safeBeforeNs);
}
