import type { ProfileSessionTag } from "./read-session-tags.js";

/**
 * The `credential_source` values botocore accepts. The check is case-sensitive, as botocore's
 * `is_supported` and the JS SDK's map lookup are (SPECS §b.1).
 */
export const CredentialSourceName = {
  Environment: "Environment",
  Ec2InstanceMetadata: "Ec2InstanceMetadata",
  EcsContainer: "EcsContainer",
} as const;
export type CredentialSourceName = (typeof CredentialSourceName)[keyof typeof CredentialSourceName];

/** An `[sso-session NAME]` section a profile refers to with `sso_session = NAME`. */
export interface SsoSession {
  readonly name: string;
  readonly startUrl?: string | undefined;
  readonly region?: string | undefined;
  /** `sso_registration_scopes`, split on commas. */
  readonly registrationScopes?: readonly string[] | undefined;
}

/**
 * A profile's IAM Identity Center settings, with `sso_start_url` and `sso_region` taken from its
 * `[sso-session]` when it names one, or from the profile itself (the legacy form).
 */
export interface SsoSettings {
  readonly session?: SsoSession | undefined;
  readonly startUrl?: string | undefined;
  readonly region?: string | undefined;
  readonly accountId?: string | undefined;
  readonly roleName?: string | undefined;
}

/**
 * One profile of the shared config, typed: the raw `Properties` → `Profile` step. Only the
 * settings that decide where credentials come from; absent and empty values are `undefined`.
 *
 * `awsSecretAccessKey` and `awsSessionToken` are secrets: never log or serialise a Profile.
 */
export interface Profile {
  readonly name: string;
  readonly sourceProfile?: string | undefined;
  readonly credentialSource?: CredentialSourceName | undefined;
  readonly roleArn?: string | undefined;
  readonly mfaSerial?: string | undefined;
  /** awsafe extension: a command that prints an MFA code on stdout. */
  readonly mfaProcess?: string | undefined;
  readonly externalId?: string | undefined;
  readonly roleSessionName?: string | undefined;
  readonly durationSeconds?: number | undefined;
  /** `session_tags` (aws-vault's `Key=Value,...`), sent with AssumeRole. */
  readonly sessionTags?: readonly ProfileSessionTag[] | undefined;
  /** `transitive_session_tags`: which of the tags pass on to roles chained after this one. */
  readonly transitiveTagKeys?: readonly string[] | undefined;
  /** `source_identity`, sent with AssumeRole (sts:SetSourceIdentity). */
  readonly sourceIdentity?: string | undefined;
  readonly region?: string | undefined;
  /** Present when the profile has any `sso_*` setting or `sso_session`. */
  readonly sso?: SsoSettings | undefined;
  readonly credentialProcess?: string | undefined;
  readonly webIdentityTokenFile?: string | undefined;
  readonly awsAccessKeyId?: string | undefined;
  readonly awsSecretAccessKey?: string | undefined;
  readonly awsSessionToken?: string | undefined;
  readonly awsAccountId?: string | undefined;
}
