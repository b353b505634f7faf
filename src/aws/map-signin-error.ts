import { type AppError, AuthError } from "../errors.js";
import { AwsUnavailableError, SessionDurationRefusedError } from "../ports/aws/aws-errors.js";
import { isTimeout } from "./fetch-with-retries.js";

/** A getSigninToken call that failed, in what its messages may name (never its secrets). */
export interface FailedSigninCall {
  readonly profile: string | undefined;
  /** The endpoint's host (the Session travels in the query, which no message shows). */
  readonly host: string;
  readonly sessionDurationSeconds: number | undefined;
  /**
   * The secrets the request carried (secret key, session token, the Session JSON), in every
   * encoding they travelled in: an error whose text holds one of them is not kept as the cause.
   */
  readonly secrets: readonly string[];
}

/**
 * The AppError for an answer other than 200 from the sign-in federation endpoint (SPECS §e). AWS
 * answers 400 "Invalid credentials parameter" for every refusal, so the SessionDuration the call
 * carried is the one clue to which refusal it was.
 */
export function signinStatusError(status: number, call: FailedSigninCall): AppError {
  const what = describeSigninCall(call);
  if (status === 400 && call.sessionDurationSeconds !== undefined) {
    return new SessionDurationRefusedError(
      `${what} failed: AWS refused the console session duration of ${call.sessionDurationSeconds} s for these credentials`,
      call.sessionDurationSeconds,
      {
        hint: "AWS takes a session duration only for role sessions assumed with an access key (not from another session) and for IAM Identity Center role credentials; without it the console session lasts as long as the credentials",
      },
    );
  }
  if (status === 400 || status === 403) {
    return new AuthError(`${what} failed: these credentials cannot sign in to the console`, {
      hint: "Only role sessions and GetFederationToken sessions can open the AWS console; long-term access keys, GetSessionToken sessions and expired sessions cannot. Use a role profile",
    });
  }
  if (status === 429 || status >= 500) {
    return new AwsUnavailableError(
      `${what} failed: the AWS sign-in endpoint kept answering HTTP ${status}`,
      { hint: "AWS is throttling or failing; wait a moment and try again" },
    );
  }
  return new AwsUnavailableError(`${what} failed: unexpected HTTP ${status}`, {
    hint: endpointHint,
  });
}

/** The AppError for a request that got no answer, or an answer that is not a sign-in token. */
export function signinTransportError(error: unknown, call: FailedSigninCall): AppError {
  const what = describeSigninCall(call);
  const cause = causeWithoutSecrets(error, call.secrets);
  const options = cause === undefined ? { hint: endpointHint } : { hint: endpointHint, cause };
  if (isTimeout(error))
    return new AwsUnavailableError(`${what} failed: no answer in time`, options);
  return new AwsUnavailableError(
    `${what} failed: cannot reach ${call.host} (${reason(error)})`,
    options,
  );
}

/** The AppError for a 200 answer without a sign-in token (a proxy's page, say). */
export function signinAnswerError(call: FailedSigninCall): AppError {
  return new AwsUnavailableError(
    `${describeSigninCall(call)} failed: the answer holds no sign-in token`,
    { hint: endpointHint },
  );
}

const endpointHint =
  "Check the network connection (and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_SIGNIN if set, or a proxy in the way), then try again";

function describeSigninCall(call: FailedSigninCall): string {
  const profile = call.profile === undefined ? "" : ` for profile "${call.profile}"`;
  return `Getting a console sign-in token from ${call.host}${profile}`;
}

// Only the error's code or name: fetch's own texts are not ours to vouch for.
function reason(error: unknown): string {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && "code" in cause && typeof cause.code === "string")
    return cause.code;
  return error instanceof Error ? error.name : "no answer";
}

/**
 * `error`, unless its text or that of a cause in its chain holds a secret of the request (a fetch
 * implementation may quote the URL, which carries the Session), or cannot be read to tell:
 * `--debug` prints cause chains.
 */
function causeWithoutSecrets(error: unknown, secrets: readonly string[]): unknown {
  let link: unknown = error;
  for (let depth = 0; depth < 8 && link !== undefined; depth++) {
    if (!(link instanceof Error)) return undefined;
    const text = `${String(link)}\n${link.stack ?? ""}`;
    if (secrets.some((secret) => secret !== "" && text.includes(secret))) return undefined;
    link = link.cause;
  }
  return error;
}
