import { ConfigError } from "../../errors.js";
import type { ConfigData, Properties } from "../config-data.js";
import type { Profile } from "./profile.js";
import { gatherSettings, noSettings } from "./profile-settings.js";
import { credentialSourceOf } from "./read-credential-source.js";
import { durationSecondsOf, profileWhere, stringSetting } from "./read-property.js";
import { sessionTagsOf } from "./read-session-tags.js";
import { readSsoSettings } from "./read-sso-settings.js";

/**
 * The typed view of profile `name`. A name with no section reads as a profile with no settings
 * (awsafe can hold keys for a profile the files do not mention); whether that is an error is
 * the caller's decision.
 *
 * Only this profile is read and checked, so one broken profile does not break the others.
 *
 * @throws ConfigError when a setting is malformed or settings contradict each other.
 */
export function readProfile(config: ConfigData, name: string): Profile {
  return readProfileSection(config, name, config.profiles.get(name));
}

/** {@link readProfile} of the section already found for `name` (`undefined`: it has none). */
export function readProfileSection(
  config: ConfigData,
  name: string,
  properties: Properties | undefined,
): Profile {
  const raw = properties === undefined ? noSettings : gatherSettings(properties);
  // The settings are checked in this order, so a section with several faults names the same one.
  const tags = sessionTagsOf(raw.session_tags, raw.transitive_session_tags, name);
  const profile: Profile = {
    name,
    sourceProfile: stringSetting(raw.source_profile, "source_profile", name),
    credentialSource: credentialSourceOf(raw.credential_source, name),
    roleArn: stringSetting(raw.role_arn, "role_arn", name),
    mfaSerial: stringSetting(raw.mfa_serial, "mfa_serial", name),
    mfaProcess: stringSetting(raw.mfa_process, "mfa_process", name),
    externalId: stringSetting(raw.external_id, "external_id", name),
    roleSessionName: stringSetting(raw.role_session_name, "role_session_name", name),
    durationSeconds: durationSecondsOf(raw.duration_seconds, name),
    sessionTags: tags?.tags,
    transitiveTagKeys: tags?.transitiveTagKeys,
    sourceIdentity: stringSetting(raw.source_identity, "source_identity", name),
    region: stringSetting(raw.region, "region", name),
    sso: readSsoSettings(config, name, raw),
    credentialProcess: stringSetting(raw.credential_process, "credential_process", name),
    webIdentityTokenFile: stringSetting(
      raw.web_identity_token_file,
      "web_identity_token_file",
      name,
    ),
    awsAccessKeyId: stringSetting(raw.aws_access_key_id, "aws_access_key_id", name),
    awsSecretAccessKey: stringSetting(raw.aws_secret_access_key, "aws_secret_access_key", name),
    awsSessionToken: stringSetting(raw.aws_session_token, "aws_session_token", name),
    awsAccountId: stringSetting(raw.aws_account_id, "aws_account_id", name),
  };
  checkRoleSource(profile);
  return profile;
}

/** botocore's `InvalidConfigError`: a role has one source, never two (SPECS §b.1). */
function checkRoleSource(profile: Profile): void {
  if (profile.sourceProfile !== undefined && profile.credentialSource !== undefined) {
    throw new ConfigError(
      `${profileWhere(profile.name)} contains both source_profile and credential_source`,
      {
        hint: "Keep only one: source_profile names a profile, credential_source names a built-in source.",
      },
    );
  }
}
