import type { AwsCallContext } from "./call-context.js";
import type { AwsCredentials } from "./credentials.js";

/** `getSigninToken` of the sign-in federation endpoint (SPECS §e). */
export interface SigninTokenInput {
  /**
   * The console session's length, 900 to 43200 s. AWS refuses it for role-chained and
   * federation-token sessions, so the caller sends it only where it is allowed.
   */
  readonly sessionDurationSeconds?: number;
}

/**
 * Credentials with a session token (the federation endpoint takes nothing else); their expiry
 * is not needed, as some `credential_process` commands leave it out.
 */
export type SessionCredentials = AwsCredentials & { readonly sessionToken: string };

/** What a login URL (`Action=login`) carries besides the sign-in token. */
export interface LoginUrlInput {
  /** The console page to land on (an AWS console URL, checked by the caller). */
  readonly destination: string;
  /** Shown by AWS when the console session ends; a label such as `awsafe`. */
  readonly issuer: string;
}

/**
 * The AWS sign-in federation endpoint: temporary credentials in, a short-lived sign-in token out
 * (a secret: whoever holds it opens the console), and the login URL that spends it. The region
 * picks the partition's host; `AWS_ENDPOINT_URL_SIGNIN` (else `AWS_ENDPOINT_URL`) replaces it for
 * the token and the login URL alike.
 * Rejects with an AppError: an AuthError when the credentials cannot sign in (long-term keys, a
 * GetSessionToken session), a {@link SessionDurationRefusedError} when a SessionDuration is
 * refused.
 */
export interface SigninPort {
  getSigninToken(
    credentials: SessionCredentials,
    input: SigninTokenInput,
    context: AwsCallContext,
  ): Promise<string>;
  /**
   * `https://<host>/federation?Action=login&Issuer=…&Destination=…&SigninToken=…`, on the host
   * the token came from. A secret, like the token.
   *
   * @throws ConfigError when the endpoint override is not a URL.
   */
  loginUrl(signinToken: string, input: LoginUrlInput, context: AwsCallContext): string;
  /**
   * The "logout trick" (SPECS §e): a URL that first ends whatever console session the browser
   * holds, then follows on to the login URL, so a browser signed in to another account lands in
   * the new one. AWS honours the redirect only between `us-east-1.signin.aws.amazon.com` hosts,
   * so the commercial partition has one and the others (China, GovCloud) have none:
   * `undefined`. With an endpoint override both halves go to that endpoint.
   */
  logoutThenLoginUrl(
    signinToken: string,
    input: LoginUrlInput,
    context: AwsCallContext,
  ): string | undefined;
}
