import { createHash, randomBytes } from "node:crypto";

/** IMDSv2 session tokens: issued by `PUT /latest/api/token`, required by every GET. */
export interface ImdsTokens {
  /** A new token valid for `ttlSeconds` (1..21600, checked by the caller). */
  issue(ttlSeconds: number): string;
  /** Whether `token` was issued here and has not expired. */
  valid(token: string | undefined): boolean;
}

/** Live tokens kept at most; the oldest goes first, so a client looping on PUT cannot grow us. */
const maxTokens = 1024;

/**
 * Tokens are 32 random bytes (base64url). Only their SHA-256 is kept, as the map key: a lookup
 * compares digests the caller cannot steer, never the token itself byte by byte.
 */
export function createImdsTokens(now: () => number): ImdsTokens {
  const expiries = new Map<string, number>();
  return {
    issue(ttlSeconds) {
      if (expiries.size >= maxTokens) dropExpiredOrOldest(expiries, now());
      const token = randomBytes(32).toString("base64url");
      expiries.set(digest(token), now() + ttlSeconds * 1000);
      return token;
    },
    valid(token) {
      if (token === undefined) return false;
      const key = digest(token);
      const expiresAt = expiries.get(key);
      if (expiresAt === undefined) return false;
      if (now() < expiresAt) return true;
      expiries.delete(key);
      return false;
    },
  };
}

function dropExpiredOrOldest(expiries: Map<string, number>, nowMs: number): void {
  for (const [key, expiresAt] of expiries) if (expiresAt <= nowMs) expiries.delete(key);
  const oldest = expiries.keys().next();
  if (expiries.size >= maxTokens && oldest.done !== true) expiries.delete(oldest.value);
}

function digest(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64");
}
