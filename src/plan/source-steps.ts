import type { Profile } from "../config/profile/profile.js";
import type { SsoStep, SsoTokenStep, StaticKeysStep, WebIdentityStep } from "./credential-plan.js";
import {
  incompleteSsoError,
  partialKeysError,
  webIdentityWithoutRoleError,
} from "./plan-errors.js";

/**
 * The plain-text keys of a profile that has at least one of the pair.
 *
 * @throws ConfigError when only one half of the pair is there.
 */
export function staticKeysStep(profile: Profile): StaticKeysStep {
  const { awsAccessKeyId, awsSecretAccessKey } = profile;
  if (awsAccessKeyId === undefined) {
    throw partialKeysError(profile.name, "aws_secret_access_key", "aws_access_key_id");
  }
  if (awsSecretAccessKey === undefined) {
    throw partialKeysError(profile.name, "aws_access_key_id", "aws_secret_access_key");
  }
  return {
    kind: "staticKeys",
    profile: profile.name,
    accessKeyId: awsAccessKeyId,
    temporary: profile.awsSessionToken !== undefined,
  };
}

/**
 * The SSO role credentials of a profile with SSO settings, or its SSO token alone when the
 * profile names an `sso_session` and neither account nor role.
 *
 * @throws ConfigError when a setting GetRoleCredentials needs is missing.
 */
export function ssoStep(profile: Profile): SsoStep | SsoTokenStep {
  const sso = profile.sso ?? {};
  const { startUrl, region, accountId, roleName } = sso;
  const session = sso.session;
  const scopes =
    session?.registrationScopes === undefined
      ? {}
      : { registrationScopes: session.registrationScopes };
  if (
    session !== undefined &&
    startUrl !== undefined &&
    region !== undefined &&
    accountId === undefined &&
    roleName === undefined
  ) {
    return {
      kind: "ssoToken",
      profile: profile.name,
      session: session.name,
      startUrl,
      region,
      ...scopes,
    };
  }
  if (
    startUrl === undefined ||
    region === undefined ||
    accountId === undefined ||
    roleName === undefined
  ) {
    const missing = Object.entries({
      sso_start_url: startUrl,
      sso_region: region,
      sso_account_id: accountId,
      sso_role_name: roleName,
    }).filter(([, value]) => value === undefined);
    const tokenOnly =
      sso.session !== undefined && accountId === undefined && roleName === undefined;
    throw incompleteSsoError(
      profile.name,
      missing.map(([key]) => key),
      tokenOnly,
    );
  }
  return {
    kind: "sso",
    profile: profile.name,
    ...(session === undefined ? {} : { session: session.name }),
    startUrl,
    region,
    accountId,
    roleName,
    ...scopes,
  };
}

/**
 * `sts:AssumeRoleWithWebIdentity` for a profile whose `web_identity_token_file` is `tokenFile`.
 *
 * @throws ConfigError without `role_arn`.
 */
export function webIdentityStep(profile: Profile, tokenFile: string): WebIdentityStep {
  const { roleArn, roleSessionName, durationSeconds } = profile;
  if (roleArn === undefined) throw webIdentityWithoutRoleError(profile.name);
  return {
    kind: "webIdentity",
    profile: profile.name,
    roleArn,
    tokenFile,
    ...(roleSessionName === undefined ? {} : { roleSessionName }),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  };
}
