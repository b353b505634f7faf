import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A fresh secret for `AWS_CONTAINER_AUTHORIZATION_TOKEN`: 32 random bytes, base64url (43
 * characters, no padding, nothing a shell or an HTTP header would have to quote).
 */
export function newEndpointToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * A check of the `Authorization` header against `token`, in constant time. Both sides are hashed
 * first so `timingSafeEqual` always compares two 32-byte buffers: neither a wrong length nor a
 * matching prefix answers sooner than a full match.
 */
export function tokenMatcher(token: string): (given: string | undefined) => boolean {
  const expected = digest(token);
  return (given) => given !== undefined && timingSafeEqual(digest(given), expected);
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
