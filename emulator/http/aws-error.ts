/** Whether AWS blames the caller (`Sender`, 4xx) or itself (`Receiver`, 5xx), as in the XML `<Type>`. */
export type ErrorFault = "Sender" | "Receiver";

/**
 * An error answered in AWS's wire shape. `code` is AWS's error code (the SDKs pick their exception
 * class by it), `status` the HTTP status AWS uses for it.
 */
export class AwsError extends Error {
  override readonly name = "AwsError";

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fault: ErrorFault = status >= 500 ? "Receiver" : "Sender",
  ) {
    super(message);
  }
}

/** AccessDenied (403) with AWS's message text. */
export function accessDenied(message: string): AwsError {
  return new AwsError("AccessDenied", message, 403);
}

/** ValidationError (400), the code STS and IAM use for bad parameters. */
export function validationError(message: string): AwsError {
  return new AwsError("ValidationError", message, 400);
}

/** A missing required parameter, worded as AWS's model validation does. */
export function missingParameter(name: string): AwsError {
  return validationError(
    `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
  );
}
