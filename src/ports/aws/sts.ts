import type { AwsCallContext } from "./call-context.js";
import type { AwsCredentials, MfaCode, TemporaryCredentials } from "./credentials.js";

/**
 * STS, as the engine, rotation and the console need it. The adapter (`src/aws/sts-adapter.ts`)
 * talks to STS with the AWS SDK and maps every AWS error to an AppError at that boundary; the
 * domain only sees credentials or such an error.
 */

/** `sts:GetSessionToken`. */
export interface GetSessionTokenInput {
  readonly durationSeconds?: number;
  readonly mfa?: MfaCode;
}

/** A session tag (`sts:TagSession`). */
export interface SessionTag {
  readonly key: string;
  readonly value: string;
}

/** `sts:AssumeRole`. */
export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds?: number;
  readonly externalId?: string;
  readonly sourceIdentity?: string;
  readonly tags?: readonly SessionTag[];
  readonly transitiveTagKeys?: readonly string[];
  readonly mfa?: MfaCode;
}

/** `sts:AssumeRoleWithWebIdentity` (an unsigned call). */
export interface AssumeRoleWithWebIdentityInput {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly webIdentityToken: string;
  readonly durationSeconds?: number;
}

/** Where an STS call goes and which profile it is for, so errors can say what to do. */
export interface StsCallContext extends AwsCallContext {
  readonly profile: string;
}

/** `sts:GetCallerIdentity`: who the credentials belong to. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** `sts:GetFederationToken` (long-term keys only; no MFA). */
export interface GetFederationTokenInput {
  /** The federated user's name, 2 to 32 characters of `[\w+=,.@-]`. */
  readonly name: string;
  readonly durationSeconds?: number;
  /** An inline session policy (JSON); without one the session has no permissions. */
  readonly policy?: string;
}

/**
 * The STS calls of the credential engine. Every method rejects with an AppError: an
 * {@link AuthError} when AWS refused the credentials or the MFA code (an MFA code refusal is an
 * `MfaCodeRejectedError`), a ConfigError when a setting is wrong, an unavailable error when STS
 * could not be reached after retries.
 */
export interface StsPort {
  getSessionToken(
    credentials: AwsCredentials,
    input: GetSessionTokenInput,
    context: StsCallContext,
  ): Promise<TemporaryCredentials>;
  assumeRole(
    credentials: AwsCredentials,
    input: AssumeRoleInput,
    context: StsCallContext,
  ): Promise<TemporaryCredentials>;
  assumeRoleWithWebIdentity(
    input: AssumeRoleWithWebIdentityInput,
    context: StsCallContext,
  ): Promise<TemporaryCredentials>;
  getCallerIdentity(credentials: AwsCredentials, context: StsCallContext): Promise<CallerIdentity>;
  getFederationToken(
    credentials: AwsCredentials,
    input: GetFederationTokenInput,
    context: StsCallContext,
  ): Promise<TemporaryCredentials>;
  /**
   * Starts loading what the first call needs, without waiting for it: called while the caller
   * waits on something else (a person finding an MFA code). A call works without it.
   */
  prepare?(): void;
}
