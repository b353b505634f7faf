import { randomBytes } from "node:crypto";

/** A made-up access key pair in AWS's format, different on every call (for secret scans). */
export interface FakeKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const base64ish = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** `AKIAFAKETEST` + 8 random characters, and a 40-character secret starting `FAKEtest`. */
export function fakeKey(): FakeKey {
  return {
    accessKeyId: `AKIAFAKETEST${pick(upper, 8)}`,
    secretAccessKey: `FAKEtest${pick(base64ish, 32)}`,
  };
}

function pick(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join("");
}
