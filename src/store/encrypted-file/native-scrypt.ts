import { randomBytes, scrypt } from "node:crypto";
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import type { Identity, Recipient, Stanza } from "age-encryption";

// age's passphrase stanza (https://age-encryption.org/v1, "The scrypt recipient type"), with the
// derivation done by the runtime's own scrypt: native code on a thread pool (libuv's in Node).
// age-encryption's built-in one runs scrypt in JavaScript on the calling thread, which blocked
// the agent for the whole unlock (~2 s here, far longer when many processes start at once):
// meanwhile it could not say `accepted` to the clients that came, which then gave up on it.
// The file key's ChaCha20-Poly1305 is @noble/ciphers', as age-encryption's own (Bun's
// node:crypto has no ChaCha20-Poly1305 cipher).

const label = "age-encryption.org/v1/scrypt";
// The highest work factor age accepts to unwrap (2^20: 1 GiB of scrypt memory).
const maxLogN = 20;

/**
 * An age identity for passphrase-encrypted files, as age-encryption's own (same checks).
 * `onDerivation` is called as each derivation starts on the thread pool: the caller may use the
 * second or so it takes.
 */
export function scryptIdentity(passphrase: string, onDerivation?: () => void): Identity {
  return {
    async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
      for (const stanza of stanzas) {
        if (stanza.args[0] !== "scrypt") continue;
        if (stanzas.length !== 1) throw Error("scrypt recipient is not the only one in the header");
        const [, encodedSalt = "", workFactor = ""] = stanza.args;
        const salt = decodeBase64NoPad(encodedSalt);
        if (stanza.args.length !== 3 || !/^[1-9][0-9]*$/.test(workFactor) || salt?.length !== 16) {
          throw Error("invalid scrypt stanza");
        }
        const logN = Number(workFactor);
        if (logN > maxLogN) throw Error("scrypt work factor is too high");
        if (stanza.body.length !== 32) throw Error("invalid stanza");
        const derived = deriveKey(passphrase, salt, logN);
        onDerivation?.();
        const fileKey = openFileKey(stanza.body, await derived);
        if (fileKey !== null) return fileKey;
      }
      return null;
    },
  };
}

/** An age recipient for a passphrase at 2^`logN`, as `age -p` writes it. */
export function scryptRecipient(
  passphrase: string,
  logN: number,
  makeStanza: (args: string[], body: Uint8Array) => Stanza,
): Recipient {
  return {
    async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
      const salt = randomBytes(16);
      const key = await deriveKey(passphrase, salt, logN);
      const args = ["scrypt", encodeBase64NoPad(salt), String(logN)];
      return [makeStanza(args, sealFileKey(fileKey, key))];
    },
  };
}

function deriveKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const cost = 2 ** logN;
  const blockSize = 8;
  const labelAndSalt = Buffer.concat([Buffer.from(label, "utf8"), salt]);
  return new Promise((resolve, reject) => {
    // Node refuses more memory than `maxmem` (32 MiB by default); scrypt needs 128·N·r bytes.
    const maxmem = 128 * cost * blockSize + 1024 * 1024;
    scrypt(passphrase, labelAndSalt, 32, { N: cost, r: blockSize, p: 1, maxmem }, (error, key) => {
      // Node passes null for no error, Bun undefined.
      if (error) reject(error);
      else resolve(key);
    });
  });
}

// The file key under ChaCha20-Poly1305 with an all-zero nonce: 16 bytes, then the 16-byte tag.
function sealFileKey(fileKey: Uint8Array, key: Uint8Array): Uint8Array {
  return chacha20poly1305(key, new Uint8Array(12)).encrypt(fileKey);
}

function openFileKey(body: Uint8Array, key: Uint8Array): Uint8Array | null {
  try {
    return chacha20poly1305(key, new Uint8Array(12)).decrypt(body);
  } catch {
    return null;
  }
}

function encodeBase64NoPad(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/=+$/, "");
}

// age's base64 is unpadded and canonical: anything that does not encode back the same is refused.
function decodeBase64NoPad(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  return encodeBase64NoPad(bytes) === text ? bytes : undefined;
}
