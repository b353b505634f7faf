import { posix, win32 } from "node:path";
import type { Environment, PlatformFacts } from "../ports/environment.js";

/** Where the two shared files are. */
export interface SharedConfigPaths {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/**
 * Locates `~/.aws/config` and `~/.aws/credentials` as the SDKs do (the smithy location suites):
 * `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` win; the home directory is `HOME`, then on
 * Windows `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`, then the OS. A leading `~` in an
 * override is the home directory, as in the JS SDK.
 */
export function locateSharedConfig(env: Environment, facts: PlatformFacts): SharedConfigPaths {
  const path = facts.platform === "win32" ? win32 : posix;
  const home = homeDirectory(env, facts);
  const expand = (file: string): string =>
    file === "~" || file.startsWith("~/") || file.startsWith("~\\")
      ? path.join(home, file.slice(1))
      : file;
  return {
    configFile: expand(nonEmpty(env.AWS_CONFIG_FILE) ?? path.join(home, ".aws", "config")),
    credentialsFile: expand(
      nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE) ?? path.join(home, ".aws", "credentials"),
    ),
  };
}

/** The profile a command uses when none is named: `AWS_PROFILE`, `AWS_DEFAULT_PROFILE` (AWS CLI v2 order), `default`. */
export function selectedProfileName(env: Environment): string {
  return nonEmpty(env.AWS_PROFILE) ?? nonEmpty(env.AWS_DEFAULT_PROFILE) ?? "default";
}

/** The region in force: `AWS_REGION`, `AWS_DEFAULT_REGION` (AWS CLI v2 order), then the profile's. */
export function selectedRegion(
  env: Environment,
  profileRegion: string | undefined,
): string | undefined {
  return nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? nonEmpty(profileRegion);
}

function homeDirectory(env: Environment, facts: PlatformFacts): string {
  const home = nonEmpty(env.HOME);
  if (home !== undefined) return home;
  if (facts.platform === "win32") {
    const profile = nonEmpty(env.USERPROFILE);
    if (profile !== undefined) return profile;
    const drive = nonEmpty(env.HOMEDRIVE);
    const homePath = nonEmpty(env.HOMEPATH);
    if (drive !== undefined && homePath !== undefined) return `${drive}${homePath}`;
  }
  return facts.homedir();
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
