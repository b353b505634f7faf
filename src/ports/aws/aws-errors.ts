import { AppError, type AppErrorOptions, AuthError, ExitCode } from "../../errors.js";

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
