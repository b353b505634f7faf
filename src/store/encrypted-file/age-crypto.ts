import { StoreError } from "../../errors.js";
import { scryptIdentity, scryptRecipient } from "./native-scrypt.js";

const ageMagic = "age-encryption.org/v1\n";
const armorMagic = "-----BEGIN AGE ENCRYPTED FILE-----";

/**
 * Encrypts `text` to an age file with a scrypt passphrase stanza, as `age -p` does. Costs one
 * scrypt derivation at 2^workFactor (age's default is 18), done off this thread
 * (native-scrypt.ts).
 */
export async function encryptWithPassphrase(
  text: string,
  passphrase: string,
  workFactor: number,
): Promise<Uint8Array> {
  const { Encrypter, Stanza } = await import("age-encryption");
  const encrypter = new Encrypter();
  encrypter.addRecipient(
    scryptRecipient(passphrase, workFactor, (args, body) => new Stanza(args, body)),
  );
  return encrypter.encrypt(text);
}

/**
 * Decrypts an age file (binary or armored) with a passphrase. Every failure is a StoreError that
 * tells a wrong passphrase from a file that is not age, not passphrase-encrypted, or damaged.
 */
export async function decryptWithPassphrase(
  bytes: Uint8Array,
  passphrase: string,
  path: string,
  onDerivation?: () => void,
): Promise<string> {
  const age = await import("age-encryption");
  let file = bytes;
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  if (head.startsWith(armorMagic)) {
    try {
      file = age.armor.decode(new TextDecoder().decode(bytes));
    } catch (error) {
      throw damaged(path, "its armor is invalid", error);
    }
  } else if (!head.startsWith(ageMagic)) {
    throw damaged(path, "it is not an age-encrypted file");
  }
  const decrypter = new age.Decrypter();
  decrypter.addIdentity(scryptIdentity(passphrase, onDerivation));
  try {
    return await decrypter.decrypt(file, "text");
  } catch (error) {
    throw classify(error, file, path);
  }
}

function classify(error: unknown, file: Uint8Array, path: string): StoreError {
  const reason = error instanceof Error ? error.message : String(error);
  if (!/no identity matched/.test(reason)) return damaged(path, reason, error);
  const header = new TextDecoder().decode(file.subarray(0, 200));
  if (!header.includes("\n-> scrypt ")) {
    return new StoreError(
      `Cannot unlock ${path}: it is encrypted to age recipients, not a passphrase`,
      {
        hint: "Decrypt it with your age identity and re-create the store with a passphrase; nothing was changed.",
        cause: error,
      },
    );
  }
  // A wrong passphrase and an altered salt are indistinguishable: both fail the stanza's MAC.
  return new StoreError(`Cannot unlock ${path}: wrong passphrase`, {
    hint: "Give the passphrase the store was created with (prompt, AWSAFE_FILE_PASSPHRASE or AWSAFE_FILE_PASSPHRASE_FILE); nothing was changed.",
    cause: error,
  });
}

function damaged(path: string, reason: string, cause?: unknown): StoreError {
  return new StoreError(`Encrypted store ${path} is damaged or was tampered with: ${reason}`, {
    hint: "awsafe will not write to it. Restore it from a backup, or move it aside to start an empty store.",
    cause,
  });
}
