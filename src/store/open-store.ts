import { join } from "node:path";
import type { BackendName, SecretStore } from "../ports/secret-store.js";
import type { PassphraseProvider } from "./encrypted-file/passphrase.js";
import { encryptedStoreFile } from "./encrypted-store-file.js";

/** Everything a backend may need, gathered by the CLI; the store itself reads no env. */
export interface OpenStoreOptions {
  readonly backend: BackendName;
  readonly platform: NodeJS.Platform;
  /** awsafe's data directory (`AWSAFE_HOME` or the XDG data dir); the file store is `store.age` in it. */
  readonly dataDir: string;
  /** The user's home, for pass's default `~/.password-store`. */
  readonly homeDir: string;
  /** The environment `pass` and gpg run with (GNUPGHOME, PASSWORD_STORE_DIR, GPG_TTY...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Supplies the encrypted file's passphrase when it is first needed. */
  readonly passphrase: PassphraseProvider;
  /** scrypt cost of the encrypted file; default 18. */
  readonly fileWorkFactor?: number | undefined;
  /** Keychain service name; default `awsafe`. */
  readonly keychainService?: string | undefined;
  /** How long one `pass` run may take; default 5 minutes. */
  readonly passTimeoutMs?: number | undefined;
  /** Told once when the file store waits more than a second for another process's lock. */
  readonly onLockWait?: ((line: string) => void) | undefined;
  /** Named steps of a write (tests crash there). */
  readonly checkpoint?: ((step: string) => void) | undefined;
  /** Called as the encrypted file's unlock starts its scrypt derivation, which takes seconds. */
  readonly onDerivation?: (() => void) | undefined;
}

/**
 * Opens the chosen backend. Each adapter is imported on demand so a command pays only for the
 * one it uses (the keychain loads a native module; the file store loads age and scrypt).
 */
export async function openStore(options: OpenStoreOptions): Promise<SecretStore> {
  switch (options.backend) {
    case "keychain": {
      const { openKeychainStore } = await import("./keychain/keychain-store.js");
      return openKeychainStore({ platform: options.platform, service: options.keychainService });
    }
    case "file": {
      const { openEncryptedFileStore } = await import("./encrypted-file/encrypted-file-store.js");
      return openEncryptedFileStore({
        file: encryptedStoreFile(options.dataDir),
        passphrase: options.passphrase,
        workFactor: options.fileWorkFactor,
        onLockWait: options.onLockWait,
        checkpoint: options.checkpoint,
        onDerivation: options.onDerivation,
      });
    }
    case "pass": {
      const { openPassStore } = await import("./pass/pass-store.js");
      const storeDir = options.env.PASSWORD_STORE_DIR ?? join(options.homeDir, ".password-store");
      return openPassStore({ storeDir, env: options.env, timeoutMs: options.passTimeoutMs });
    }
    case "memory": {
      const { createMemoryStore } = await import("./memory/memory-store.js");
      return createMemoryStore();
    }
  }
}
