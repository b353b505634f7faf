import { statSync } from "node:fs";
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
 * The identity and state of each file (device, inode, size, modification time), or `-` for one
 * that does not exist: any edit, replacement or removal changes it.
 */
export function filesFingerprint(files: readonly string[]): string {
  return files
    .map((file) => {
      const stat = statSync(file, { throwIfNoEntry: false, bigint: true });
      return stat === undefined
        ? "-"
        : `${String(stat.dev)}:${String(stat.ino)}:${String(stat.size)}:${String(stat.mtimeNs)}`;
    })
    .join("|");
}
