import { ConfigError } from "../errors.js";
import { suggestName } from "./suggest-name.js";

/** The selected profile is neither in the shared files nor in the store. */
export function unknownProfileError(name: string, known: readonly string[]): ConfigError {
  const suggestion = suggestName(name, known);
  const hint =
    known.length === 0
      ? "No profiles are defined: add one to the AWS config file, or store keys with awsafe add."
      : suggestion === undefined
        ? "Run awsafe list to see the profiles that exist."
        : `Did you mean "${suggestion}"? Run awsafe list to see the profiles that exist.`;
  return new ConfigError(`profile "${name}" is not defined`, { hint });
}

/** `source_profile` names a profile that does not exist. */
export function missingSourceError(
  profile: string,
  source: string,
  known: readonly string[],
): ConfigError {
  // The profile itself is never a useful suggestion: naming it would be a cycle.
  const suggestion = suggestName(
    source,
    known.filter((name) => name !== profile),
  );
  return new ConfigError(
    `profile "${profile}" has source_profile "${source}", which is not defined`,
    {
      hint:
        suggestion === undefined
          ? `Define [profile ${source}], or store keys for it with awsafe add ${source}.`
          : `Did you mean "${suggestion}"?`,
    },
  );
}

/** Following `source_profile` comes back to a profile already on the path. */
export function cycleError(path: readonly string[]): ConfigError {
  return new ConfigError(`source_profile links form a cycle: ${path.join(" -> ")}`, {
    hint: "A profile may name itself as source_profile only when it has its own keys.",
  });
}

/** A profile with `role_arn` but nothing to assume the role with. */
export function roleWithoutSourceError(profile: string): ConfigError {
  return new ConfigError(
    `profile "${profile}" has role_arn but neither source_profile nor credential_source`,
    { hint: "Add source_profile = <profile with keys>, or credential_source = Environment." },
  );
}

/** A profile that must provide credentials has none. */
export class NoCredentialsError extends ConfigError {
  constructor(
    readonly profile: string,
    /** The profile that needed them as its source_profile; `undefined` for the profile asked for. */
    readonly usedBy: string | undefined,
  ) {
    super(
      usedBy === undefined
        ? `profile "${profile}" has no credentials`
        : `profile "${profile}" (source_profile of "${usedBy}") has no credentials`,
      {
        hint: `Store keys with awsafe add ${profile}, or give it role_arn, sso_session or credential_process.`,
      },
    );
  }
}

/** One half of a key pair in the files. */
export function partialKeysError(profile: string, present: string, missing: string): ConfigError {
  return new ConfigError(`profile "${profile}" has ${present} but no ${missing}`, {
    hint: `Move the keys into the store with awsafe import --profile ${profile}, or add ${missing}.`,
  });
}

/**
 * An SSO profile without all the settings GetRoleCredentials needs. `tokenOnly`: the profile
 * names an sso-session and nothing else, which is enough to sign in but not for credentials.
 */
export function incompleteSsoError(
  profile: string,
  missing: readonly string[],
  tokenOnly: boolean,
): ConfigError {
  return new ConfigError(
    `profile "${profile}" is configured to use SSO but is missing ${missing.join(", ")}`,
    {
      hint: tokenOnly
        ? "Its sso-session is enough to sign in; add sso_account_id and sso_role_name to get role credentials."
        : "Run awsafe sso configure, or add the missing settings to the profile or its sso-session.",
    },
  );
}

/** `web_identity_token_file` is only half of the configuration. */
export function webIdentityWithoutRoleError(profile: string): ConfigError {
  return new ConfigError(`profile "${profile}" has web_identity_token_file but no role_arn`, {
    hint: "Add role_arn = <the role the token may assume>.",
  });
}

/** A role whose source profile has an SSO token but no account and role to get credentials. */
export function ssoTokenAsSourceError(roleProfile: string, sourceProfile: string): ConfigError {
  return new ConfigError(
    `profile "${roleProfile}" assumes its role from profile "${sourceProfile}", which has an SSO token but no role credentials`,
    { hint: `add sso_account_id and sso_role_name to profile "${sourceProfile}"` },
  );
}
