import { existsSync } from "node:fs";
import type { AppContext } from "../app/app-context.js";
import { locateAwsafePaths, type AwsafePaths } from "../settings/awsafe-paths.js";
import { readAwsafeConfig } from "../settings/awsafe-config.js";
import { chooseBackend, type BackendChoice } from "../store/choose-backend.js";
import { encryptedStoreFile } from "../store/encrypted-store-file.js";

// Apart from opening the store (open-configured-store.ts): the hot path makes this choice on
// every call, and must not bundle the store adapters that opening imports.

/** The backend a command uses and where awsafe's files are. */
export interface ConfiguredBackend extends BackendChoice {
  readonly paths: AwsafePaths;
  /** `backend` in awsafe's config, as written there; `undefined` when none is recorded. */
  readonly recorded: string | undefined;
}

/**
 * Applies `--backend` > `AWSAFE_BACKEND` > awsafe's config > the platform default; `paths` are
 * awsafe's, when the caller has located them already.
 */
export function chooseConfiguredBackend(
  context: AppContext,
  flag: string | undefined,
  paths: AwsafePaths = locateAwsafePaths(context.env, context.platform),
): ConfiguredBackend {
  const config = readAwsafeConfig(paths.configFile);
  const choice = chooseBackend({
    flag,
    env: context.env.AWSAFE_BACKEND,
    config: config.backend,
    platform: context.platform.platform,
  });
  const recorded = config.backend === "" ? undefined : config.backend;
  return { ...choice, paths, recorded };
}

/**
 * Whether opening the file store would have to ask for a passphrase: the store file exists and
 * neither `AWSAFE_FILE_PASSPHRASE` nor `AWSAFE_FILE_PASSPHRASE_FILE` is set.
 */
export function fileStoreNeedsPrompt(context: AppContext, paths: AwsafePaths): boolean {
  return (
    existsSync(encryptedStoreFile(paths.dataDir)) &&
    nonEmpty(context.env.AWSAFE_FILE_PASSPHRASE) === undefined &&
    nonEmpty(context.env.AWSAFE_FILE_PASSPHRASE_FILE) === undefined
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
