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
