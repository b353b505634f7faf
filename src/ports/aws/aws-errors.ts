import { AppError, type AppErrorOptions, AuthError, ConfigError, ExitCode } from "../../errors.js";

/**
 * AWS refused an MFA code (wrong, replayed, or not the caller's device). The providers ask the
 * {@link MfaCodeSource} again when they see it; after the last attempt the user sees it.
 */
export class MfaCodeRejectedError extends AuthError {
  /** The device the code was for. */
  readonly serialNumber: string;

  constructor(message: string, serialNumber: string, options: AppErrorOptions) {
    super(message, options);
    this.serialNumber = serialNumber;
  }
}

/**
 * AWS denied a call the credentials were valid for (`AccessDenied`): the caller's policies do not
 * allow it. Distinct from a refused key or session, so a caller can say what the policy means
 * (the console login of an IAM user whose policy denies GetFederationToken).
 */
export class AccessDeniedError extends AuthError {}

/**
 * The sign-in endpoint refused a request that carried `SessionDuration` (AWS answers its one 400
 * "Invalid credentials parameter" for every refusal, so the duration is the likely cause). The
 * console login retries once without it on this error alone (exit 78 when it reaches the user).
 */
export class SessionDurationRefusedError extends ConfigError {
  readonly sessionDurationSeconds: number;

  constructor(message: string, sessionDurationSeconds: number, options: AppErrorOptions) {
    super(message, options);
    this.sessionDurationSeconds = sessionDurationSeconds;
  }
}

/** AWS could not be reached, or kept failing or throttling after the retries (exit 69). */
export class AwsUnavailableError extends AppError {
  readonly exitCode = ExitCode.Unavailable;
}

/**
 * AWS answered with throttling or a server error after the retries of the call (a subclass, so
 * callers with a retry budget of their own, such as `sso populate`, can tell it apart).
 */
export class AwsThrottledError extends AwsUnavailableError {}

/**
 * The IAM Identity Center portal refused the access token (expired, revoked or logged out):
 * a new token, not a retry, can help.
 */
export class SsoTokenRefusedError extends AuthError {}
