import type { ConfigData } from "../../config/config-data.js";
import { readProfile } from "../../config/profile/read-profile.js";
import { readSsoSession } from "../../config/profile/read-sso-session.js";
import { ConfigError, UsageError } from "../../errors.js";
import { unknownProfileError } from "../../plan/plan-errors.js";
import { defaultSsoScopes, type SsoTarget } from "../../plan/sso-target.js";

/** What `sso login|logout|list` name: an sso-session, a profile, or neither. */
export interface SsoTargetChoice {
  readonly ssoSession?: string | undefined;
  readonly profile?: string | undefined;
}

/**
 * The sign-in that `--sso-session S` or `--profile P` names; with neither, the only
 * `[sso-session]` of the config (several: the person must choose).
 *
 * @throws UsageError when nothing or too much is named; ConfigError when the session or
 *   profile is missing, has no SSO settings, or lacks `sso_start_url` / `sso_region`.
 */
export function findSsoTarget(config: ConfigData, choice: SsoTargetChoice): SsoTarget {
  if (choice.ssoSession !== undefined && choice.profile !== undefined) {
    throw new UsageError("Give --sso-session or --profile, not both");
  }
  if (choice.ssoSession !== undefined) return sessionTarget(config, choice.ssoSession, undefined);
  if (choice.profile !== undefined) return profileTarget(config, choice.profile);
  const sessions = [...config.ssoSessions.keys()];
  const [only] = sessions;
  if (sessions.length === 1 && only !== undefined) return sessionTarget(config, only, undefined);
  throw new UsageError(
    sessions.length === 0
      ? "No [sso-session] in the config file to sign in to"
      : `Several sso-sessions to choose from: ${sessions.join(", ")}`,
    {
      hint:
        sessions.length === 0
          ? "Add one with `awsafe sso configure --sso-session NAME --start-url URL --region R`, or name a profile with --profile"
          : "Name one with --sso-session NAME (or a profile with --profile)",
    },
  );
}

function sessionTarget(config: ConfigData, name: string, profile: string | undefined): SsoTarget {
  if (!config.ssoSessions.has(name)) {
    const known = [...config.ssoSessions.keys()];
    throw new ConfigError(`There is no [sso-session ${name}] in the config file`, {
      hint:
        known.length === 0
          ? `Add it with \`awsafe sso configure --sso-session ${name} --start-url URL --region R\``
          : `Known sso-sessions: ${known.join(", ")}`,
    });
  }
  const session = readSsoSession(config, name, profile ?? name);
  const missing = [
    session.startUrl === undefined ? "sso_start_url" : undefined,
    session.region === undefined ? "sso_region" : undefined,
  ].filter((key) => key !== undefined);
  if (session.startUrl === undefined || session.region === undefined) {
    throw new ConfigError(
      `sso-session "${name}" is configured to use SSO but is missing required configuration: ${missing.join(", ")}`,
      { hint: `Add ${missing.join(" and ")} to the [sso-session ${name}] section` },
    );
  }
  return {
    key: name,
    session: name,
    startUrl: session.startUrl,
    region: session.region,
    scopes: session.registrationScopes ?? defaultSsoScopes,
    profile,
  };
}

function profileTarget(config: ConfigData, name: string): SsoTarget {
  if (!config.profiles.has(name)) {
    throw unknownProfileError(name, [...config.profiles.keys()]);
  }
  const { sso } = readProfile(config, name);
  if (sso === undefined) {
    throw new ConfigError(`Profile "${name}" has no IAM Identity Center (SSO) settings`, {
      hint: "Give --sso-session NAME, or add sso_session (or sso_start_url and sso_region) to the profile",
    });
  }
  if (sso.session !== undefined) {
    const target = sessionTarget(config, sso.session.name, name);
    return target;
  }
  const missing = [
    sso.startUrl === undefined ? "sso_start_url" : undefined,
    sso.region === undefined ? "sso_region" : undefined,
  ].filter((key) => key !== undefined);
  if (sso.startUrl === undefined || sso.region === undefined) {
    throw new ConfigError(
      `The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(", ")}`,
      {
        hint: `Add ${missing.join(" and ")} to the profile, or sso_session naming an [sso-session]`,
      },
    );
  }
  return {
    key: sso.startUrl,
    session: undefined,
    startUrl: sso.startUrl,
    region: sso.region,
    scopes: [],
    profile: name,
  };
}
