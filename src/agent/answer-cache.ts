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

/** Answers the agent gave, by request and the state of the files they were made from. */
export interface AnswerCache {
  /** A still-fresh answer to the same request over unchanged files, or `undefined`. */
  get(key: string, now: Date): CredentialsAnswer | undefined;
  set(key: string, answer: CredentialsAnswer): void;
  /** Forgets every answer (a profile's key or sessions were removed). */
  clear(): void;
}

const maxEntries = 256;

/**
 * The agent's memo of whole answers, so a repeated `credential_process` call (the AWS CLI makes
 * one per command) costs a few `stat` calls instead of reading and planning the shared config
 * again. An answer is reused only for the same request (profile, options and the client's whole
 * environment), while every file it came from is unchanged (see {@link filesFingerprint}), and
 * while more than the refresh window remains, as the session cache itself would; otherwise the
 * request is resolved again.
 */
export function answerCache(): AnswerCache {
  const entries = new Map<string, CredentialsAnswer>();
  return {
    get(key, now) {
      const answer = entries.get(key);
      const expiration = answer?.credentials.expiration;
      if (answer === undefined || expiration === undefined) return undefined;
      if (expiration.getTime() - now.getTime() > refreshWindowMs) return answer;
      entries.delete(key);
      return undefined;
    },
    clear() {
      entries.clear();
    },
    set(key, answer) {
      // Credentials that never expire are not kept: nothing would tell when to look again.
      if (answer.credentials.expiration === undefined) return;
      entries.delete(key);
      entries.set(key, answer);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
  };
}

/**
 * The state of each file an answer is made from: its stamp (device, inode, size, mtime and ctime
 * in ns, or its absence), which any edit, replacement or removal changes. A file changed within
 * the racy window before `nowMs` (see {@link isRacy}) may change again within the same timestamp
 * tick at the same size, its stamp unchanged: then the digest of the files' contents is part of
 * the state too, so an answer made from one version is not reused for the next. `undefined`
 * when a file's stamp says nothing of its contents (a FIFO, a directory) or it cannot be read:
 * no answer is kept then.
 */
export function filesFingerprint(files: readonly string[], nowMs: number): string | undefined {
  const stamps: FileStamp[] = [];
  for (const file of files) {
    const stamp = stampFile(file);
    if (stamp === undefined) return undefined;
    stamps.push(stamp);
  }
  const ids = stamps.map((stamp) => stamp.id).join("|");
  if (!isRacy(stamps, nowMs)) return ids;
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
  return `${ids}#${digest.digest("hex")}`;
}
