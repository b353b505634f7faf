import { readStoredKeyIds } from "../app/store/read-stored-keys.js";
import { AppError } from "../errors.js";
import type { BackendName } from "../ports/secret-store.js";
import type { BackendChoice } from "../store/choose-backend.js";
import { encryptedStoreFile } from "../store/encrypted-store-file.js";
import type { RuntimeContext } from "./context.js";
import { chooseConfiguredBackend, fileStoreNeedsPrompt } from "./configured-backend.js";
import { openConfiguredStore } from "./open-configured-store.js";

/** The secret store as `list` sees it: its keys, or why they cannot be shown. */
export type StoreView =
  | {
      readonly status: "open";
      readonly backend: BackendName;
      readonly source: BackendChoice["source"];
      readonly location: string;
      /** Profile → access key ID of its stored key. */
      readonly keyIds: ReadonlyMap<string, string>;
    }
  | {
      readonly status: "locked" | "unavailable";
      readonly backend: BackendName;
      /** Where the backend was named: a store awsafe was never told to use is `default`. */
      readonly source: BackendChoice["source"];
      readonly message: string;
      readonly hint: string | undefined;
    };

/**
 * Reads the stored keys' IDs for `list` without ever prompting: `list` is an overview, often run
 * in scripts, and must not stop for a passphrase (or pay the ~1.5 s KDF) just to decorate its
 * rows. A file store with no passphrase variable is reported "locked"; a store that fails (no
 * Secret Service, wrong passphrase) is "unavailable" with its error, and the profiles are still
 * listed. A bad `--backend` or awsafe config is still an error.
 */
export async function inspectStore(
  context: RuntimeContext,
  flag: string | undefined,
): Promise<StoreView> {
  const { backend, paths, source } = chooseConfiguredBackend(context, flag);
  if (backend === "file" && fileStoreNeedsPrompt(context, paths)) {
    return {
      status: "locked",
      backend,
      source,
      message: `the encrypted store ${encryptedStoreFile(paths.dataDir)} is locked`,
      hint: "Set AWSAFE_FILE_PASSPHRASE_FILE (or AWSAFE_FILE_PASSPHRASE) to include its keys.",
    };
  }
  try {
    const store = await openConfiguredStore(context, backend, paths, {
      prompter: undefined,
      hooks: context.hooks,
    });
    return {
      status: "open",
      backend,
      source,
      location: store.location,
      keyIds: await readStoredKeyIds(store),
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: "unavailable", backend, source, message: error.message, hint: error.hint };
  }
}

/**
 * The profiles with a key in the store, for commands that plan without calling AWS (`explain`,
 * `configure`); `undefined` when the store cannot be read without prompting.
 */
export async function storedKeyProfiles(
  context: RuntimeContext,
  flag: string | undefined,
): Promise<ReadonlySet<string> | undefined> {
  const view = await inspectStore(context, flag);
  return view.status === "open" ? new Set(view.keyIds.keys()) : undefined;
}
