import type { Properties, PropertyValue } from "../config-data.js";
import { awsafePrefix, awsafeView } from "./awsafe-settings.js";

/**
 * The raw values of the settings a profile is read from, gathered in one walk over the few keys
 * its section has. Looking up each of the twenty settings in every section instead costs more
 * than the rest of reading it: most are absent, and sections of different key sets defeat V8's
 * property caches. One class, so every profile's settings have the same shape.
 */
export class ProfileSettings {
  source_profile: PropertyValue | undefined = undefined;
  credential_source: PropertyValue | undefined = undefined;
  role_arn: PropertyValue | undefined = undefined;
  mfa_serial: PropertyValue | undefined = undefined;
  mfa_process: PropertyValue | undefined = undefined;
  external_id: PropertyValue | undefined = undefined;
  role_session_name: PropertyValue | undefined = undefined;
  duration_seconds: PropertyValue | undefined = undefined;
  session_tags: PropertyValue | undefined = undefined;
  transitive_session_tags: PropertyValue | undefined = undefined;
  source_identity: PropertyValue | undefined = undefined;
  region: PropertyValue | undefined = undefined;
  sso_session: PropertyValue | undefined = undefined;
  sso_start_url: PropertyValue | undefined = undefined;
  sso_region: PropertyValue | undefined = undefined;
  sso_account_id: PropertyValue | undefined = undefined;
  sso_role_name: PropertyValue | undefined = undefined;
  credential_process: PropertyValue | undefined = undefined;
  web_identity_token_file: PropertyValue | undefined = undefined;
  aws_access_key_id: PropertyValue | undefined = undefined;
  aws_secret_access_key: PropertyValue | undefined = undefined;
  aws_session_token: PropertyValue | undefined = undefined;
  aws_account_id: PropertyValue | undefined = undefined;
}

/** The settings of a profile that has no section (keys in awsafe's store only). */
export const noSettings: Readonly<ProfileSettings> = Object.freeze(new ProfileSettings());

/**
 * The settings of a section as awsafe reads them: each `awsafe_<key>` in place of `<key>` (see
 * {@link awsafeView}).
 */
export function gatherSettings(properties: Properties): ProfileSettings {
  // A second walk, over a copy, only for the rare section with an `awsafe_` key.
  return gather(properties) ?? gatherAll(awsafeView(properties));
}

function gatherAll(properties: Properties): ProfileSettings {
  const settings = new ProfileSettings();
  for (const key in properties) {
    if (Object.hasOwn(properties, key)) assign(settings, key, properties[key]);
  }
  return settings;
}

/** `undefined` when `properties` has an `awsafe_` key, which only {@link awsafeView} reads. */
function gather(properties: Properties): ProfileSettings | undefined {
  const settings = new ProfileSettings();
  for (const key in properties) {
    // Records built by our parser inherit nothing; maps built by a library caller may.
    if (!Object.hasOwn(properties, key)) continue;
    if (!assign(settings, key, properties[key]) && key.startsWith(awsafePrefix)) {
      return undefined;
    }
  }
  return settings;
}

/**
 * Stores `value` under `key`; false when `key` is not a setting a profile is read from. A store
 * per case, not `settings[key] = value`: a keyed store of twenty names is a slow, generic one.
 */
function assign(settings: ProfileSettings, key: string, value: PropertyValue | undefined): boolean {
  switch (key) {
    case "source_profile":
      settings.source_profile = value;
      break;
    case "credential_source":
      settings.credential_source = value;
      break;
    case "role_arn":
      settings.role_arn = value;
      break;
    case "mfa_serial":
      settings.mfa_serial = value;
      break;
    case "mfa_process":
      settings.mfa_process = value;
      break;
    case "external_id":
      settings.external_id = value;
      break;
    case "role_session_name":
      settings.role_session_name = value;
      break;
    case "duration_seconds":
      settings.duration_seconds = value;
      break;
    case "session_tags":
      settings.session_tags = value;
      break;
    case "transitive_session_tags":
      settings.transitive_session_tags = value;
      break;
    case "source_identity":
      settings.source_identity = value;
      break;
    case "region":
      settings.region = value;
      break;
    case "sso_session":
      settings.sso_session = value;
      break;
    case "sso_start_url":
      settings.sso_start_url = value;
      break;
    case "sso_region":
      settings.sso_region = value;
      break;
    case "sso_account_id":
      settings.sso_account_id = value;
      break;
    case "sso_role_name":
      settings.sso_role_name = value;
      break;
    case "credential_process":
      settings.credential_process = value;
      break;
    case "web_identity_token_file":
      settings.web_identity_token_file = value;
      break;
    case "aws_access_key_id":
      settings.aws_access_key_id = value;
      break;
    case "aws_secret_access_key":
      settings.aws_secret_access_key = value;
      break;
    case "aws_session_token":
      settings.aws_session_token = value;
      break;
    case "aws_account_id":
      settings.aws_account_id = value;
      break;
    default:
      return false;
  }
  return true;
}
