import { CredentialsProviderError } from "@smithy/property-provider";
import { AppError, ExitCode } from "../errors.js";
import { redactText } from "../redact.js";

/**
 * What {@link fromAwsafe} throws: the SDK's own `CredentialsProviderError` (its `name`, its
 * `tryNextLink`), with awsafe's hint and exit code beside the message.
 */
export class AwsafeCredentialsError extends CredentialsProviderError {
  /** What to do about it: the `hint:` line the CLI prints. */
  readonly hint: string | undefined;
  /** The sysexits code the CLI would exit with (64 usage, 69 unavailable, 77 auth, 78 config, 70 a bug). */
  readonly exitCode: ExitCode;

  constructor(message: string, hint: string | undefined, exitCode: ExitCode, cause?: AppError) {
    super(hint === undefined ? message : `${message}\nhint: ${hint}`, { tryNextLink: false });
    // The SDK's constructor pins the prototype to its own class (for old transpilers), which
    // would make this object lose the subclass; put it back.
    Object.setPrototypeOf(this, new.target.prototype);
    this.hint = hint;
    this.exitCode = exitCode;
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * Any failure as an {@link AwsafeCredentialsError}: awsafe's message, then its hint on a line of
 * its own, as the CLI prints them; `tryNextLink: false`, so a credential chain stops here rather
 * than hiding why the profile awsafe was asked for cannot be had. Anything that is not an
 * AppError is a bug and says so, redacted.
 */
export function toProviderError(error: unknown): AwsafeCredentialsError {
  if (error instanceof AwsafeCredentialsError) return error;
  if (error instanceof AppError) {
    return new AwsafeCredentialsError(error.message, error.hint, error.exitCode, error);
  }
  const message = redactText(error instanceof Error ? error.message : String(error));
  return new AwsafeCredentialsError(
    `internal error: ${message}`,
    "this is a bug in awsafe; please report it",
    ExitCode.Software,
  );
}
