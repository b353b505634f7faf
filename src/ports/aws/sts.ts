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

/** Where a call goes and what it is for, so errors can say what to do. */
export interface StsCallContext {
  /** The profile whose settings the call comes from (for messages). */
  readonly profile: string;
  /** The region to call STS in; the adapter falls back to its default. */
  readonly region?: string | undefined;
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
}
