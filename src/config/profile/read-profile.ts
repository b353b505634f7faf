import { ConfigError } from "../../errors.js";
import type { ConfigData, Properties } from "../config-data.js";
import { awsafeView } from "./awsafe-settings.js";
import type { Profile } from "./profile.js";
import { readCredentialSource } from "./read-credential-source.js";
import { readDurationSeconds, readString } from "./read-property.js";
import { readSessionTags } from "./read-session-tags.js";
import { readSsoSettings } from "./read-sso-settings.js";

const noProperties: Properties = {};

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
  const properties = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
  const raw = properties === undefined ? noProperties : awsafeView(properties);
  const where = `profile "${name}"`;
  const text = (key: string): string | undefined => readString(raw, key, where);
  const tags = readSessionTags(raw, where);
  const profile: Profile = {
    name,
    sourceProfile: text("source_profile"),
    credentialSource: readCredentialSource(raw, where),
    roleArn: text("role_arn"),
    mfaSerial: text("mfa_serial"),
    mfaProcess: text("mfa_process"),
    externalId: text("external_id"),
    roleSessionName: text("role_session_name"),
    durationSeconds: readDurationSeconds(raw, where),
    sessionTags: tags.tags,
    transitiveTagKeys: tags.transitiveTagKeys,
    sourceIdentity: text("source_identity"),
    region: text("region"),
    sso: readSsoSettings(config, name, raw),
    credentialProcess: text("credential_process"),
    webIdentityTokenFile: text("web_identity_token_file"),
    awsAccessKeyId: text("aws_access_key_id"),
    awsSecretAccessKey: text("aws_secret_access_key"),
    awsSessionToken: text("aws_session_token"),
    awsAccountId: text("aws_account_id"),
  };
  checkRoleSource(profile, where);
  return profile;
}

/** botocore's `InvalidConfigError`: a role has one source, never two (SPECS §b.1). */
function checkRoleSource(profile: Profile, where: string): void {
  if (profile.sourceProfile !== undefined && profile.credentialSource !== undefined) {
    throw new ConfigError(`${where} contains both source_profile and credential_source`, {
      hint: "Keep only one: source_profile names a profile, credential_source names a built-in source.",
    });
  }
}
