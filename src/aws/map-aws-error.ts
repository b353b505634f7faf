import { AppError, AuthError } from "../errors.js";
import { AwsThrottledError, AwsUnavailableError } from "../ports/aws/aws-errors.js";

/** The code, message and HTTP status of an SDK service exception. */
export interface AwsErrorFacts {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

/** A failed call, in words for messages: `GetRoleCredentials for dev/Admin (profile "x")`. */
export interface FailedCall {
  readonly what: string;
  /** The service's name for users: `STS`, `the IAM Identity Center portal`. */
  readonly service: string;
  /** The variable that points the service elsewhere, for the network hint. */
  readonly endpointVariable: string;
}

/** The code, message and HTTP status of an SDK service exception; `undefined` for other errors. */
export function awsErrorFacts(error: unknown): AwsErrorFacts | undefined {
  if (!(error instanceof Error) || !("$metadata" in error)) return undefined;
  const metadata: unknown = error.$metadata;
  const status =
    typeof metadata === "object" && metadata !== null && "httpStatusCode" in metadata
      ? metadata.httpStatusCode
      : undefined;
  if (typeof status !== "number") return undefined;
  return { code: error.name, message: error.message, status };
}

/** Whether AWS answered with throttling or a server error (the SDK already retried). */
export function isThrottledOrFailing({ code, status }: AwsErrorFacts): boolean {
  return (
    status >= 500 ||
    status === 429 ||
    code === "Throttling" ||
    code === "ThrottlingException" ||
    code === "TooManyRequestsException" ||
    code === "SlowDownException"
  );
}

/**
 * What every adapter does with an error before looking at its code: an AppError stays as it is;
 * a failure to reach the service, throttling and 5xx after the retries become an
 * {@link AwsUnavailableError} (exit 69); `undefined` means it is the service's own refusal, which
 * the adapter maps by its code.
 */
export function mapCommonAwsError(
  error: unknown,
  call: FailedCall,
): { readonly mapped: AppError } | { readonly facts: AwsErrorFacts } {
  if (error instanceof AppError) return { mapped: error };
  const facts = awsErrorFacts(error);
  if (facts === undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      mapped: new AwsUnavailableError(
        `${call.what} failed: cannot reach ${call.service} (${reason})`,
        {
          hint: `Check the network connection (and AWS_ENDPOINT_URL / ${call.endpointVariable} if set), then try again`,
          cause: error,
        },
      ),
    };
  }
  if (isThrottledOrFailing(facts)) {
    return {
      mapped: new AwsThrottledError(
        `${call.what} failed: ${call.service} kept answering ${facts.code} (HTTP ${facts.status})`,
        { hint: "AWS is throttling or failing; wait a moment and try again", cause: error },
      ),
    };
  }
  return { facts };
}

/** A refusal no adapter knows better: its code and AWS's own words. */
export function otherAwsError(error: unknown, call: FailedCall, facts: AwsErrorFacts): AppError {
  return new AuthError(`${call.what} failed: ${facts.code}: ${facts.message}`, {
    hint: "Run with --debug for details",
    cause: error,
  });
}

/** A success answer that lacks what the service always sends: not the user's doing. */
export function unexpectedAwsAnswer(what: string, service: string): AppError {
  return new AuthError(`${what}: ${service} answered without the expected data`, {
    hint: `This is unexpected from ${service}; try again, and run with --debug if it persists`,
  });
}
