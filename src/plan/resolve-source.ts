import type { Profile } from "../config/profile/profile.js";
import type { SourceStep, StaticKeysStep, StoredKeysStep } from "./credential-plan.js";
import { ssoStep, staticKeysStep, webIdentityStep } from "./source-steps.js";

/**
 * Where a profile's own credentials come from, ignoring `role_arn` (the caller decides whether
 * the role applies), or `undefined` when it has none.
 *
 * Order: keys in awsafe's store first — they are the reason awsafe exists, and plain-text keys
 * left beside them are a leftover `doctor` reports. Then botocore's profile chain (SPECS §a.7):
 * web identity, SSO, plain-text keys, `credential_process`. botocore puts `credential_process`
 * between keys from the credentials file and keys from the config file; the files are merged by
 * the time they reach us, so keys win, which is the common case (keys in ~/.aws/credentials).
 *
 * @throws ConfigError when the settings of the chosen source are incomplete.
 */
export function resolveSource(
  profile: Profile,
  storedKeyProfiles: ReadonlySet<string>,
): SourceStep | undefined {
  if (storedKeyProfiles.has(profile.name)) return storedKeysStep(profile);
  if (profile.webIdentityTokenFile !== undefined) {
    return webIdentityStep(profile, profile.webIdentityTokenFile);
  }
  if (profile.sso !== undefined) return ssoStep(profile);
  if (hasStaticKeys(profile)) return staticKeysStep(profile);
  if (profile.credentialProcess !== undefined) {
    return { kind: "process", profile: profile.name, command: profile.credentialProcess };
  }
  return undefined;
}

/**
 * Whether the profile has long-term keys (stored, or either half of a plain-text pair, as
 * botocore's `_has_static_credentials` counts them: a half pair is an error when used, not a
 * reason to look elsewhere).
 */
export function hasLongTermKeys(profile: Profile, storedKeyProfiles: ReadonlySet<string>): boolean {
  return storedKeyProfiles.has(profile.name) || hasStaticKeys(profile);
}

/**
 * The keys of a profile for which {@link hasLongTermKeys} holds: stored keys first.
 *
 * @throws ConfigError when the plain-text pair is incomplete.
 */
export function longTermKeysStep(
  profile: Profile,
  storedKeyProfiles: ReadonlySet<string>,
): StaticKeysStep | StoredKeysStep {
  return storedKeyProfiles.has(profile.name) ? storedKeysStep(profile) : staticKeysStep(profile);
}

function hasStaticKeys(profile: Profile): boolean {
  return profile.awsAccessKeyId !== undefined || profile.awsSecretAccessKey !== undefined;
}

function storedKeysStep(profile: Profile): StoredKeysStep {
  return { kind: "storedKeys", profile: profile.name };
}
