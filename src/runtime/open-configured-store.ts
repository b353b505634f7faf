import { existsSync, readFileSync } from "node:fs";
import { locateAwsafePaths, type AwsafePaths } from "../settings/awsafe-paths.js";
import { readAwsafeConfig } from "../settings/awsafe-config.js";
import { StoreError, UsageError } from "../errors.js";
import type { BackendName, SecretStore } from "../ports/secret-store.js";
import { chooseBackend, type BackendChoice } from "../store/choose-backend.js";
import type { PassphraseProvider } from "../store/encrypted-file/passphrase.js";
import { encryptedStoreFile, openStore } from "../store/open-store.js";
import type { CliIo } from "../cli/io.js";
import { testHooks } from "./test-hooks.js";

/** The backend a command uses and where awsafe's files are. */
export interface CliBackend extends BackendChoice {
  readonly paths: AwsafePaths;
}

/** Applies `--backend` > `AWSAFE_BACKEND` > awsafe's config > the platform default. */
export function chooseCliBackend(io: CliIo, flag: string | undefined): CliBackend {
  const paths = locateAwsafePaths(io.env, io.platform);
  const config = readAwsafeConfig(paths.configFile);
  const choice = chooseBackend({
    flag,
    env: io.env.AWSAFE_BACKEND,
    config: config.backend,
    platform: io.platform.platform,
  });
  return { ...choice, paths };
}

/** How a command may get the encrypted file's passphrase. */
export interface OpenOptions {
  /** Ask on the terminal when no variable gives the passphrase (`list` never asks). */
  readonly prompt: boolean;
}

/** Opens `backend` with what the CLI knows: env, awsafe's paths, the terminal. */
export function openCliStore(
  io: CliIo,
  backend: BackendName,
  paths: AwsafePaths,
  options: OpenOptions,
): Promise<SecretStore> {
  const hooks = testHooks(io.env);
  return openStore({
    backend,
    platform: io.platform.platform,
    dataDir: paths.dataDir,
    homeDir: paths.homeDir,
    env: io.env,
    passphrase: passphraseProvider(io, encryptedStoreFile(paths.dataDir), options),
    fileWorkFactor: hooks.fileWorkFactor,
    keychainService: hooks.keychainService,
  });
}

/**
 * Whether opening the file store would have to ask for a passphrase: the store file exists and
 * neither `AWSAFE_FILE_PASSPHRASE` nor `AWSAFE_FILE_PASSPHRASE_FILE` is set.
 */
export function fileStoreNeedsPrompt(io: CliIo, paths: AwsafePaths): boolean {
  return (
    existsSync(encryptedStoreFile(paths.dataDir)) &&
    nonEmpty(io.env.AWSAFE_FILE_PASSPHRASE) === undefined &&
    nonEmpty(io.env.AWSAFE_FILE_PASSPHRASE_FILE) === undefined
  );
}

/**
 * The encrypted file's passphrase: `AWSAFE_FILE_PASSPHRASE`, else the first line of the file
 * `AWSAFE_FILE_PASSPHRASE_FILE` names, else a hidden prompt on the terminal (asked twice for a
 * new store, so a typo cannot lock the user out of it).
 */
function passphraseProvider(
  io: CliIo,
  storeFile: string,
  options: OpenOptions,
): PassphraseProvider {
  return async (purpose) => {
    const fromEnv = nonEmpty(io.env.AWSAFE_FILE_PASSPHRASE);
    if (fromEnv !== undefined) return fromEnv;
    const file = nonEmpty(io.env.AWSAFE_FILE_PASSPHRASE_FILE);
    if (file !== undefined) return readPassphraseFile(file);
    if (!options.prompt || !io.prompter.canPrompt()) throw noPassphrase(storeFile);
    const verb = purpose === "create" ? "Choose a passphrase for the new" : "Passphrase for the";
    const first = await io.prompter.secret(`${verb} awsafe store ${storeFile}:`);
    if (purpose === "create" && (await io.prompter.secret("Repeat the passphrase:")) !== first) {
      throw new UsageError("The two passphrases differ; nothing was written", {
        hint: "Run the command again and type the same passphrase twice.",
      });
    }
    return first;
  };
}

function readPassphraseFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new StoreError(`Cannot read AWSAFE_FILE_PASSPHRASE_FILE ${file}: ${code}`, {
      hint: "Point AWSAFE_FILE_PASSPHRASE_FILE at a readable file (mode 0600) holding the passphrase.",
      cause: error,
    });
  }
  // Like `age`'s passphrase files and shell `read`: the first line, without its line ending.
  return text.split(/\r?\n/, 1)[0] ?? "";
}

function noPassphrase(storeFile: string): StoreError {
  return new StoreError(`Cannot open the encrypted store ${storeFile}: no passphrase was given`, {
    hint: "Set AWSAFE_FILE_PASSPHRASE_FILE to a file (mode 0600) holding it, or AWSAFE_FILE_PASSPHRASE, or run the command in a terminal to be asked.",
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
