import path from "node:path";
import { readCacheFile, writeCacheFile } from "../cache/cache-file.js";
import { isRacy, stampFile, type FileStamp } from "../cache/file-stamp.js";
import { locateSharedConfig } from "../config/locate-shared-config.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import type { RuntimeContext } from "./context.js";
import { onOffSetting } from "./on-off-setting.js";

/** `list`'s table as the cache holds it for the shared files as they are now. */
export interface ListingCache {
  /** What {@link ListingCache.save} stored for these very inputs, or `undefined`. */
  readonly entry: Buffer | undefined;
  /**
   * Stores `entry` (its parts, in order) for these inputs, unless a file changed within the racy
   * window; never fails (a cache that cannot be written is skipped).
   */
  readonly save: (entry: readonly Uint8Array[]) => void;
}

/** Bumped whenever what `list` stores changes shape. */
const entryFormat = "awsafe list table 1";

/**
 * The cache of `awsafe list`'s table: one file in awsafe's cache directory, whose entry is used
 * only while everything the table is made from is as it was when the entry was made. That is
 * the key: the shared files' paths (where `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`,
 * `HOME` and Windows's home variables put them) and each file's stamp (device, inode, size,
 * mtime and ctime in ns, or its absence); the profiles with keys in the secret store (they plan
 * differently, and are listed even when no file names them); awsafe's version and build. The
 * rest of the output is made at every run and never cached: the stored keys' IDs, colours
 * (`NO_COLOR`, `FORCE_COLOR`, `TERM`, a terminal or not), the store's state.
 *
 * An entry is neither made nor used within {@link isRacy}'s window of a file's last change.
 * `undefined` when `AWSAFE_LIST_CACHE` is off, or when the files cannot be stamped (a FIFO such
 * as `AWS_CONFIG_FILE=/dev/stdin`, a file that cannot be stat'ed): then nothing is cached.
 *
 * @throws UsageError when `AWSAFE_LIST_CACHE` is neither on nor off.
 */
export function openListingCache(
  context: RuntimeContext,
  storedKeyProfiles: ReadonlySet<string>,
): ListingCache | undefined {
  const { env, platform, debug } = context;
  if (!onOffSetting("AWSAFE_LIST_CACHE", env.AWSAFE_LIST_CACHE, "to list without the cache")) {
    return undefined;
  }
  // Taken before the files are stat'ed and read: they can only be newer than this.
  const madeAtMs = context.now().getTime();
  const shared = locateSharedConfig(env, platform);
  const config = stampFile(shared.configFile);
  const credentials = stampFile(shared.credentialsFile);
  if (config === undefined || credentials === undefined) {
    debug?.("list cache: the shared files are not plain files; not cached");
    return undefined;
  }
  const stamps = [config, credentials];
  const file = path.join(locateAwsafePaths(env, platform).cacheDir, "list-table");
  const key = JSON.stringify([
    entryFormat,
    __AWSAFE_VERSION__,
    __AWSAFE_BUILD_ID__,
    [shared.configFile, config.id],
    [shared.credentialsFile, credentials.id],
    [...storedKeyProfiles].sort(),
  ]);
  const entry = usableEntry(readCacheFile(file, key), stamps);
  debug?.(`list cache ${file}: ${entry === undefined ? "miss" : "hit"}`);
  return {
    entry,
    save: (made) => {
      if (isRacy(stamps, madeAtMs)) {
        debug?.("list cache: a shared file changed too recently to be cached");
        return;
      }
      const time = Buffer.from(`${String(madeAtMs)}\n`, "utf8");
      const failed = writeCacheFile(file, key, [time, ...made]);
      if (failed !== undefined) debug?.(`list cache: not written: ${failed}`);
    },
  };
}

/** The entry after its time line, unless it was made in the racy window of its files. */
function usableEntry(
  read: Uint8Array | undefined,
  stamps: readonly FileStamp[],
): Buffer | undefined {
  if (read === undefined) return undefined;
  const bytes = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
  const newline = bytes.indexOf(0x0a);
  if (newline < 1) return undefined;
  const madeAtMs = Number(bytes.toString("latin1", 0, newline));
  if (!Number.isSafeInteger(madeAtMs) || isRacy(stamps, madeAtMs)) return undefined;
  return bytes.subarray(newline + 1);
}
