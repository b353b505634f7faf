import type { AwsCallContext } from "./call-context.js";
import type { TemporaryCredentials } from "./credentials.js";

/** `getSigninToken` of the sign-in federation endpoint (SPECS §e). */
export interface SigninTokenInput {
  /**
   * The console session's length, 900 to 43200 s. AWS refuses it for role-chained and
   * federation-token sessions, so the caller sends it only where it is allowed.
   */
  readonly sessionDurationSeconds?: number;
}

/**
 * The AWS sign-in federation endpoint: temporary credentials in, a short-lived sign-in token out
 * (a secret: whoever holds it opens the console). The region picks the partition's host.
 * Rejects with an AppError: an AuthError when the credentials cannot sign in (long-term keys, a
 * GetSessionToken session), a ConfigError when a SessionDuration is refused.
 */
export interface SigninPort {
  getSigninToken(
    credentials: TemporaryCredentials,
    input: SigninTokenInput,
    context: AwsCallContext,
  ): Promise<string>;
}
