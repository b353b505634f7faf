import type { CredentialSourceName } from "../config/profile/profile.js";

/**
 * Where a credential chain starts. Every step names the `profile` whose settings it comes from.
 * No step holds a secret: a provider built from the plan reads secrets from the files or the
 * store itself, so a plan can be printed (`awsafe explain --json`) as it is.
 */
export type SourceStep =
  | StaticKeysStep
  | StoredKeysStep
  | SsoStep
  | SsoTokenStep
  | WebIdentityStep
  | ProcessStep
  | CredentialSourceStep;

/** A step that turns the credentials before it into new temporary credentials. */
export type TransformStep = SessionTokenStep | AssumeRoleStep;

/** Any step of a plan. */
export type PlanStep = SourceStep | TransformStep;

/**
 * How to get credentials for one profile: `steps[0]` is the source, each later step calls STS
 * with the credentials the step before it produced; the last step's credentials are the result.
 */
export interface CredentialPlan {
  /** The profile the plan is for. */
  readonly profile: string;
  /** That profile's `region`, when set (STS calls can use it). */
  readonly region?: string;
  readonly steps: readonly [SourceStep, ...TransformStep[]];
}

/** `aws_access_key_id` / `aws_secret_access_key` in plain text in the shared files. */
export interface StaticKeysStep {
  readonly kind: "staticKeys";
  readonly profile: string;
  /** An identifier, not a secret; shown so the user can tell keys apart. */
  readonly accessKeyId: string;
  /**
   * The file also holds `aws_session_token`: these are temporary credentials, so they cannot
   * call GetSessionToken and a role assumed from them counts as chained.
   */
  readonly temporary: boolean;
}

/** Long-term keys held in awsafe's secret store under this profile's name. */
export interface StoredKeysStep {
  readonly kind: "storedKeys";
  readonly profile: string;
}

/** IAM Identity Center role credentials (`sso:GetRoleCredentials`). */
export interface SsoStep {
  readonly kind: "sso";
  readonly profile: string;
  /** The `[sso-session]` name; absent for a legacy profile that holds `sso_start_url` itself. */
  readonly session?: string;
  readonly startUrl: string;
  readonly region: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly registrationScopes?: readonly string[];
}

/**
 * A profile that names only an `sso_session`: it has an IAM Identity Center bearer token (for
 * token-based services and `sso login`) but no account and role, so no AWS credentials. The
 * SDKs plan it the same way (smithy-rs "SSO token profile selected"); a provider built from it
 * says which settings are missing when credentials are asked for.
 */
export interface SsoTokenStep {
  readonly kind: "ssoToken";
  readonly profile: string;
  readonly session: string;
  readonly startUrl: string;
  readonly region: string;
  readonly registrationScopes?: readonly string[];
}

/** `sts:AssumeRoleWithWebIdentity` with a token read from a file (the call is unsigned). */
export interface WebIdentityStep {
  readonly kind: "webIdentity";
  readonly profile: string;
  readonly roleArn: string;
  readonly tokenFile: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
}

/** `credential_process`: a command that prints credentials as JSON. */
export interface ProcessStep {
  readonly kind: "process";
  readonly profile: string;
  readonly command: string;
}

/** `credential_source`: the environment, EC2 instance metadata or the ECS container endpoint. */
export interface CredentialSourceStep {
  readonly kind: "credentialSource";
  readonly profile: string;
  readonly source: CredentialSourceName;
}

/**
 * `sts:GetSessionToken` with the long-term keys before it, usually with MFA. Roles assumed from
 * the resulting session need no second MFA prompt: the session carries the MFA context.
 */
export interface SessionTokenStep {
  readonly kind: "sessionToken";
  /** The profile whose long-term keys call GetSessionToken. */
  readonly profile: string;
  readonly mfaSerial?: string;
  /** awsafe's `mfa_process`: a command that prints the MFA code. */
  readonly mfaProcess?: string;
  /**
   * The profile `mfaSerial` and `mfaProcess` are set in, when it is not `profile`: the first
   * role's, whose MFA the session is made for. Messages about the MFA code name it.
   */
  readonly mfaProfile?: string;
  readonly durationSeconds?: number;
}

/** `sts:AssumeRole` into the role the profile names. */
export interface AssumeRoleStep {
  readonly kind: "assumeRole";
  /** The profile whose `role_arn` this is. */
  readonly profile: string;
  readonly roleArn: string;
  readonly externalId?: string;
  readonly roleSessionName?: string;
  /** Session tags (`session_tags`) and which of them are transitive. */
  readonly tags?: readonly { readonly key: string; readonly value: string }[];
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string;
  /** As configured; the request uses at most `maxDurationSeconds` when that is set. */
  readonly durationSeconds?: number;
  /** The MFA device to send a code for; absent when an earlier step already used it. */
  readonly mfaSerial?: string;
  readonly mfaProcess?: string;
  /** The profile that sets `mfa_serial` and `mfa_process`, present with `mfaSerial`. */
  readonly mfaProfile?: string;
  /** Made from temporary credentials (role chaining), so AWS caps the session at one hour. */
  readonly chained: boolean;
  /** 3600 when `chained`. */
  readonly maxDurationSeconds?: number;
}
