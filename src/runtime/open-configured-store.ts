import { readFileSync, statSync } from "node:fs";
import type { AppContext } from "../app/app-context.js";
import { StoreError, UsageError } from "../errors.js";
import type { Prompter } from "../ports/prompter.js";
import type { BackendName, SecretStore } from "../ports/secret-store.js";
import type { AwsafePaths } from "../settings/awsafe-paths.js";
import type { PassphraseProvider, PassphrasePurpose } from "../store/encrypted-file/passphrase.js";
import { encryptedStoreFile } from "../store/encrypted-store-file.js";
import { openStore } from "../store/open-store.js";
import { chooseConfiguredBackend, type ConfiguredBackend } from "./configured-backend.js";
import type { RuntimeContext } from "./context.js";
import { processTimeLimits } from "./process-time-limits.js";
import type { TestHooks } from "./test-hooks.js";

/** What opening a store may use besides the environment. */
export interface OpenOptions {
  /** Where to ask for the passphrase; `undefined`: never ask (`list`, the agent). */
  readonly prompter: Prompter | undefined;
  readonly hooks: TestHooks;
  /** Where to say why a write waits for another process (stderr); nowhere when not given. */
  readonly notice?: ((line: string) => void) | undefined;
  /** Called as the encrypted file's unlock starts its scrypt derivation (seconds to use). */
  readonly onDerivation?: (() => void) | undefined;
}

/** Opens `backend` with what the context gives: env, awsafe's paths, maybe the terminal. */
export function openConfiguredStore(
  context: AppContext,
  backend: BackendName,
  paths: AwsafePaths,
  options: OpenOptions,
): Promise<SecretStore> {
  return openStore({
    backend,
    platform: context.platform.platform,
    dataDir: paths.dataDir,
    homeDir: paths.homeDir,
    env: context.env,
    passphrase: passphraseProvider(context, encryptedStoreFile(paths.dataDir), options.prompter),
    fileWorkFactor: options.hooks.fileWorkFactor,
    keychainService: options.hooks.keychainService,
    passTimeoutMs: processTimeLimits(context.env).person.ms,
    onLockWait: options.notice,
    checkpoint: options.hooks.checkpoint,
    onDerivation: options.onDerivation,
  });
}

/** A store a command opened, and the backend choice it was opened by. */
export interface OpenedCommandStore {
  readonly store: SecretStore;
  readonly choice: ConfiguredBackend;
}

/**
 * The store of a command run by a person: the backend `--backend` or the configuration names,
 * the encrypted file's passphrase asked on the terminal when no variable gives it.
 */
export async function openCommandStore(
  context: RuntimeContext,
  flag: string | undefined,
): Promise<OpenedCommandStore> {
  const choice = chooseConfiguredBackend(context, flag);
  context.debug?.(
    `secret store: ${choice.backend} (chosen by ${choice.source}), data in ${choice.paths.dataDir}`,
  );
  return { store: await openChosenStore(context, choice), choice };
}

/** The store `choice` names, opened for a person at the terminal (see {@link openCommandStore}). */
export function openChosenStore(
  context: RuntimeContext,
  choice: ConfiguredBackend,
): Promise<SecretStore> {
  return openConfiguredStore(context, choice.backend, choice.paths, {
    prompter: context.prompter,
    hooks: context.hooks,
    notice: context.notice,
  });
}

/** The shortest passphrase a new encrypted store accepts (existing stores open with any). */
export const minPassphraseLength = 8;

/**
 * The encrypted file's passphrase: `AWSAFE_FILE_PASSPHRASE`, else the first line of the file
 * `AWSAFE_FILE_PASSPHRASE_FILE` names (refused when other users can read it, as ssh refuses
 * such a key), else a hidden prompt on the terminal (asked twice for a new store, so a typo
 * cannot lock the user out of it). An empty passphrase, or one shorter than
 * {@link minPassphraseLength} for a new store, is a usage error.
 */
function passphraseProvider(
  context: AppContext,
  storeFile: string,
  prompter: Prompter | undefined,
): PassphraseProvider {
  return async (purpose) => {
    const given = givenPassphrase(context);
    if (given !== undefined) return checked(given.passphrase, purpose, given.source);
    if (prompter === undefined || !prompter.canPrompt()) throw noPassphrase(storeFile);
    const verb = purpose === "create" ? "Choose a passphrase for the new" : "Passphrase for the";
    const size =
      purpose === "create" ? ` (at least ${String(minPassphraseLength)} characters)` : "";
    const first = checked(
      await prompter.secret(`${verb} awsafe store ${storeFile}${size}:`),
      purpose,
      "the passphrase typed",
    );
    if (purpose === "create" && (await prompter.secret("Repeat the passphrase:")) !== first) {
      throw new UsageError("The two passphrases differ; nothing was written", {
        hint: "Run the command again and type the same passphrase twice.",
      });
    }
    return first;
  };
}

/**
 * The encrypted file's passphrase the environment gives, and where it came from (for messages:
 * never the value): `AWSAFE_FILE_PASSPHRASE`, else the first line of the file
 * `AWSAFE_FILE_PASSPHRASE_FILE` names; `undefined` when neither is set.
 *
 * @throws StoreError when the file cannot be read, or other users can read it.
 */
export function givenPassphrase(
  context: AppContext,
): { readonly passphrase: string; readonly source: string } | undefined {
  const fromEnv = nonEmpty(context.env.AWSAFE_FILE_PASSPHRASE);
  if (fromEnv !== undefined) return { passphrase: fromEnv, source: "AWSAFE_FILE_PASSPHRASE" };
  const file = nonEmpty(context.env.AWSAFE_FILE_PASSPHRASE_FILE);
  if (file === undefined) return undefined;
  return {
    passphrase: readPassphraseFile(file, context.platform.platform),
    source: `the first line of ${file}`,
  };
}

/** `passphrase` when it may be used for `purpose`; `source` names where it came from, never its value. */
function checked(passphrase: string, purpose: PassphrasePurpose, source: string): string {
  if (passphrase === "") {
    throw new UsageError(`Cannot use the encrypted store: ${source} is an empty passphrase`, {
      hint: "Give the passphrase in AWSAFE_FILE_PASSPHRASE_FILE (a file of mode 0600), AWSAFE_FILE_PASSPHRASE, or at the prompt.",
    });
  }
  // Characters as a person counts them (an accented letter or an emoji is one).
  const length = [...new Intl.Segmenter().segment(passphrase)].length;
  if (purpose === "create" && length < minPassphraseLength) {
    throw new UsageError(
      `Refusing to create the encrypted store: ${source} has ${String(length)} character${length === 1 ? "" : "s"}, fewer than ${String(minPassphraseLength)}`,
      {
        hint: `Choose a passphrase of at least ${String(minPassphraseLength)} characters; a few random words are easy to type and hard to guess.`,
      },
    );
  }
  return passphrase;
}

function readPassphraseFile(file: string, platform: NodeJS.Platform): string {
  let text: string;
  try {
    assertPrivatePassphraseFile(file, platform);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new StoreError(`Cannot read AWSAFE_FILE_PASSPHRASE_FILE ${file}: ${code}`, {
      hint: "Point AWSAFE_FILE_PASSPHRASE_FILE at a readable file (mode 0600) holding the passphrase.",
      cause: error,
    });
  }
  // Like `age`'s passphrase files and shell `read`: the first line, without its line ending.
  return text.split(/\r?\n/, 1)[0] ?? "";
}

/** Like ssh with a private key: a passphrase file others can read (or write) is not used. */
function assertPrivatePassphraseFile(file: string, platform: NodeJS.Platform): void {
  if (platform === "win32") return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  throw new StoreError(
    `Refusing to use AWSAFE_FILE_PASSPHRASE_FILE ${file}: other users can access it (mode ${mode.toString(8)})`,
    {
      hint: `Run \`chmod 600 ${file}\` so only you can read it; if others may have read it, the passphrase is no longer secret.`,
    },
  );
}

function noPassphrase(storeFile: string): StoreError {
  return new StoreError(`Cannot open the encrypted store ${storeFile}: no passphrase was given`, {
    hint: "Set AWSAFE_FILE_PASSPHRASE_FILE to a file (mode 0600) holding it, or AWSAFE_FILE_PASSPHRASE, or run the command in a terminal to be asked.",
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
