import type { AsyncEntry } from "@napi-rs/keyring";
import type { SecretStore } from "../../ports/secret-store.js";
import type { RawBackend, RawChange } from "../raw-backend.js";
import { storeOverRaw } from "../store-over-raw.js";
import { keychainError, keychainLocation } from "./keychain-error.js";

/** Options of {@link openKeychainStore}. */
export interface KeychainStoreOptions {
  /** The keychain service name items are filed under; tests use a unique one. Default `awsafe`. */
  readonly service?: string | undefined;
  readonly platform: NodeJS.Platform;
}

/**
 * The OS keychain through `@napi-rs/keyring`: one keychain entry per item, service `awsafe`,
 * account `<encoded name>/<kind>`. On Linux every entry is pinned to the Secret Service so the
 * library can never fall back silently to the kernel keyring (which forgets on reboot).
 *
 * Enumeration: the keyring crate's Entry cannot list, but the binding's `findCredentials`
 * searches by service (Secret Service `SearchItems`, macOS `SecItemCopyMatching`, Windows
 * `CredEnumerate`), so `list` asks the keychain itself. An index item was the alternative; it
 * would need its own cross-process locking and could drift from the entries after a crash.
 */
export async function openKeychainStore(options: KeychainStoreOptions): Promise<SecretStore> {
  const keyring = await import("@napi-rs/keyring");
  const service = options.service ?? "awsafe";
  const location = keychainLocation(options.platform);
  const entryOptions =
    options.platform === "linux" ? { linux: { store: "secret-service" as const } } : undefined;
  const entry = (key: string, action: string): AsyncEntry => {
    try {
      return new keyring.AsyncEntry(service, key, entryOptions);
    } catch (error) {
      throw keychainError(action, location, error);
    }
  };
  const backend: RawBackend = {
    backend: "keychain",
    location,
    read: async (key) => {
      const action = `read "${service}/${key}" from`;
      try {
        return (await entry(key, action).getPassword()) ?? undefined;
      } catch (error) {
        throw keychainError(action, location, error);
      }
    },
    write: async (changes: readonly RawChange[]) => {
      for (const { key, text } of changes) await writeOne(key, text);
    },
    keys: async () => {
      try {
        return (await keyring.findCredentialsAsync(service)).map(
          (credential) => credential.account,
        );
      } catch (error) {
        throw keychainError(`list the items of "${service}" in`, location, error);
      }
    },
  };
  const writeOne = async (key: string, text: string | undefined): Promise<void> => {
    const action = `${text === undefined ? "delete" : "write"} "${service}/${key}" in`;
    try {
      const target = entry(key, action);
      if (text === undefined) await target.deleteCredential();
      else await target.setPassword(text);
    } catch (error) {
      throw keychainError(action, location, error);
    }
  };
  return storeOverRaw(backend);
}
