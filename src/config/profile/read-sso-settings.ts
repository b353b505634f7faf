import { ConfigError } from "../../errors.js";
import type { ConfigData } from "../config-data.js";
import type { ProfileSettings } from "./profile-settings.js";
import type { SsoSession, SsoSettings } from "./profile.js";
import { profileWhere, stringSetting } from "./read-property.js";
import { readSsoSession } from "./read-sso-session.js";

/**
 * A profile's SSO settings, merged with its `[sso-session]`; `undefined` when the profile has
 * none of `sso_session`, `sso_start_url`, `sso_account_id`, `sso_role_name`.
 *
 * @throws ConfigError when the session is missing, when profile and session disagree, or when
 *   only one of `sso_account_id` / `sso_role_name` is set.
 */
export function readSsoSettings(
  config: ConfigData,
  profileName: string,
  settings: ProfileSettings,
): SsoSettings | undefined {
  const sessionName = stringSetting(settings.sso_session, "sso_session", profileName);
  const startUrl = stringSetting(settings.sso_start_url, "sso_start_url", profileName);
  const region = stringSetting(settings.sso_region, "sso_region", profileName);
  const accountId = stringSetting(settings.sso_account_id, "sso_account_id", profileName);
  const roleName = stringSetting(settings.sso_role_name, "sso_role_name", profileName);
  if (
    sessionName === undefined &&
    startUrl === undefined &&
    accountId === undefined &&
    roleName === undefined
  ) {
    return undefined;
  }
  const where = profileWhere(profileName);
  requireAccountAndRole(where, accountId, roleName);
  if (sessionName === undefined) return { startUrl, region, accountId, roleName };
  const session = readSsoSession(config, sessionName, profileName);
  return {
    session,
    startUrl: mergeWithSession(where, session, "sso_start_url", startUrl, session.startUrl),
    region: mergeWithSession(where, session, "sso_region", region, session.region),
    accountId,
    roleName,
  };
}

/** Role credentials need an account and a role; one without the other is a half-written profile. */
function requireAccountAndRole(
  where: string,
  accountId: string | undefined,
  roleName: string | undefined,
): void {
  if (accountId !== undefined && roleName === undefined) {
    throw halfSet(where, "sso_account_id", "sso_role_name");
  }
  if (roleName !== undefined && accountId === undefined) {
    throw halfSet(where, "sso_role_name", "sso_account_id");
  }
}

function halfSet(where: string, present: string, missing: string): ConfigError {
  return new ConfigError(`${where} has ${present} but no ${missing}`, {
    hint: "SSO role credentials need both sso_account_id and sso_role_name.",
  });
}

/**
 * A setting that may appear in both the profile and its session. Equal values are fine
 * (`aws configure sso` writes them that way); different values are botocore's
 * `InvalidConfigError`. A value only in the profile is rejected, as the Rust SDK does: the
 * session is what `sso login` reads, so the profile's copy would silently be ignored there.
 */
function mergeWithSession(
  where: string,
  session: SsoSession,
  key: "sso_start_url" | "sso_region",
  inProfile: string | undefined,
  inSession: string | undefined,
): string | undefined {
  if (inProfile === undefined || inProfile === inSession) return inSession;
  if (inSession === undefined) {
    throw new ConfigError(`${where} sets ${key} but its sso-session "${session.name}" does not`, {
      hint: `Move ${key} into the [sso-session ${session.name}] section.`,
    });
  }
  throw new ConfigError(
    `The value for ${key} is inconsistent between profile (${inProfile}) and sso-session (${inSession}).`,
    {
      hint: `Remove ${key} from ${where}, or make it equal to the one in [sso-session ${session.name}].`,
    },
  );
}
