import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isRacy, stampFile, type FileStamp } from "../cache/file-stamp.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { refreshWindowMs } from "../providers/cached-session.js";

/** What the agent answers a `credentials` request with. */
export interface CredentialsAnswer {
  readonly credentials: AwsCredentials;
  readonly region: string | undefined;
}

/**
 * The state of the files an answer is made from, now: their stamps, and whether one changed too
 * recently for its stamp to tell its versions apart (then their contents' digest tells).
 */
export interface FilesState {
  /** The files' stamps (device, inode, size, mtime and ctime in ns, or their absence). */
  readonly stamps: string;
  /** Some file changed within the racy window (see {@link isRacy}). */
  readonly racy: boolean;
  /** The digest of the files' contents (read once), `undefined` if they cannot be read. */
  digest(): string | undefined;
}

/**
 * Answers the agent gave (with what else it keeps beside each, `T`), by request and the state of
 * the files they were made from.
 */
export interface AnswerCache<T extends CredentialsAnswer> {
  /**
   * A still-fresh answer to the same request (its key holds the files' stamps) over unchanged
   * files, or `undefined`.
   */
  get(key: string, now: Date, files: FilesState): T | undefined;
  set(key: string, answer: T, files: FilesState): void;
  /** Forgets every answer (a profile's key or sessions were removed). */
  clear(): void;
}

interface Entry<T> {
  readonly answer: T;
  /** The files' digest when the answer was made within the racy window; else `undefined`. */
  digest: string | undefined;
}

const maxEntries = 256;

/**
 * The agent's memo of whole answers, so a repeated `credential_process` call (the AWS CLI makes
 * one per command) costs a few `stat` calls instead of reading and planning the shared config
 * again. An answer is reused only for the same request (profile, options, the client's whole
 * environment and the files' stamps), while more than the refresh window remains, as the session
 * cache itself would; otherwise the request is resolved again.
 *
 * A file changed within the racy window before the answer was made may change again within the
 * same timestamp tick at the same size, its stamp unchanged: such an answer keeps the digest of
 * the files' contents and is reused only over the same contents. Once the files are past the
 * window with the same stamps and contents, the stamps tell alone, as for any other answer.
 */
export function answerCache<T extends CredentialsAnswer>(): AnswerCache<T> {
  const entries = new Map<string, Entry<T>>();
  return {
    get(key, now, files) {
      const entry = entries.get(key);
      const expiration = entry?.answer.credentials.expiration;
      if (entry === undefined || expiration === undefined) return undefined;
      const fresh = expiration.getTime() - now.getTime() > refreshWindowMs;
      if (!fresh || (entry.digest !== undefined && entry.digest !== files.digest())) {
        entries.delete(key);
        return undefined;
      }
      if (!files.racy) entry.digest = undefined;
      return entry.answer;
    },
    clear() {
      entries.clear();
    },
    set(key, answer, files) {
      // Credentials that never expire are not kept: nothing would tell when to look again.
      if (answer.credentials.expiration === undefined) return;
      const digest = files.racy ? files.digest() : undefined;
      if (files.racy && digest === undefined) return;
      entries.delete(key);
      entries.set(key, { answer, digest });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
  };
}

/**
 * The state of each file an answer is made from (see {@link FilesState}): its stamp, which any
 * edit, replacement or removal changes, and the digest of the files' contents: read at once when
 * a file is racy, otherwise only when asked for. `undefined` when a file's stamp says nothing of its contents (a FIFO, a directory)
 * or it cannot be stat'ed: no answer is kept then.
 */
export function filesState(files: readonly string[], nowMs: number): FilesState | undefined {
  const stamps: FileStamp[] = [];
  for (const file of files) {
    const stamp = stampFile(file);
    if (stamp === undefined) return undefined;
    stamps.push(stamp);
  }
  const racy = isRacy(stamps, nowMs);
  // Read now when racy, before the answer is worked out from the files: contents that change
  // meanwhile then differ from the digest, and the answer is not reused for them.
  let digest: string | undefined | null = racy ? contentsDigest(files, stamps) : null;
  return {
    stamps: stamps.map((stamp) => stamp.id).join("|"),
    racy,
    digest: () => (digest === null ? (digest = contentsDigest(files, stamps)) : digest),
  };
}

function contentsDigest(
  files: readonly string[],
  stamps: readonly FileStamp[],
): string | undefined {
  const digest = createHash("sha256");
  try {
    for (const [index, file] of files.entries()) {
      const contents = stamps[index]?.id === "absent" ? undefined : readFileSync(file);
      digest.update(`${String(contents?.length ?? -1)}:`);
      if (contents !== undefined) digest.update(contents);
    }
  } catch {
    return undefined;
  }
  return digest.digest("hex");
}
