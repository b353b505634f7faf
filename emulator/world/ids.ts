import { randomBytes, randomInt } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * IAM unique-id and key-id prefixes (AKIA long-term key, ASIA temporary key, AIDA user, AROA
 * role, AGPA group, ANPA managed policy), as documented in "IAM identifiers".
 */
export type IdPrefix = "AKIA" | "ASIA" | "AIDA" | "AROA" | "AGPA" | "ANPA";

/** A random IAM-style id: the prefix and 16 upper-case base32 characters. */
export function newId(prefix: IdPrefix): string {
  return prefix + randomString(BASE32, 16);
}

/** A random 40-character secret access key. */
export function newSecretAccessKey(): string {
  return randomString(SECRET_ALPHABET, 40);
}

/** A random opaque session token (long, like STS's). */
export function newSessionToken(): string {
  return "EMU" + randomBytes(120).toString("base64");
}

/** A random opaque bearer token or code, URL-safe. */
export function newOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** A random base32 TOTP secret of 32 characters (160 bits, as AWS virtual MFA devices use). */
export function newTotpSecret(): string {
  return randomString(BASE32, 32);
}

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}
