import type { ClientRegistration, SsoTokens } from "./aws/sso-oidc.js";

/**
 * An IAM Identity Center sign-in to run: for `awsafe sso login`, or when a credential request
 * finds no usable token. The domain never opens a browser: the runtime passes an {@link SsoSignIn}
 * that does (in the requesting command, even when the agent asks for it).
 */
export interface SsoSignInRequest {
  /** The owner name of the stored token (sso-session name, else start URL). */
  readonly key: string;
  readonly session: string | undefined;
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: readonly string[];
  readonly profile: string | undefined;
  /** Why a sign-in is needed, for the person: "no sign-in is stored", "the session expired". */
  readonly reason: string;
  /** The client registration already stored for the target, to reuse while it is valid. */
  readonly client: ClientRegistration | undefined;
}

/** What a sign-in produced: the tokens, and the client they belong to (for refreshes). */
export interface SsoSignedIn {
  readonly tokens: SsoTokens;
  readonly client: ClientRegistration;
}

/** Runs one sign-in, or rejects with an AppError (refused, timed out, nobody to show it to). */
export type SsoSignIn = (request: SsoSignInRequest) => Promise<SsoSignedIn>;

/** The page the person's browser is sent back to at the end of the authorization-code flow. */
export interface CallbackListener {
  /** `http://127.0.0.1:<port>/oauth/callback`, listening already. */
  readonly redirectUri: string;
  /**
   * The authorization code of the one callback that arrives, or an AppError when it carries an
   * `error`, a wrong `state`, or `signal` aborts first.
   */
  waitForCode(signal: AbortSignal): Promise<string>;
  close(): void;
}

/** Starts a loopback listener expecting `state` back (bound before the browser opens). */
export type ListenForCallback = (state: string) => Promise<CallbackListener>;

/** Opens `url` in the person's browser: whether it could be opened (else the URL is printed). */
export type OpenBrowser = (url: string) => Promise<boolean>;
