import type { SsoCallContext } from "./sso.js";

/** A client registered with SSO-OIDC (`RegisterClient`); the secret is a secret. */
export interface ClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: Date;
  /** The grants it was registered for; none (the device grant only) for a device-flow client. */
  readonly grantTypes: readonly string[];
  /** The scopes it was registered with. */
  readonly scopes: readonly string[];
  /**
   * Where the browser goes for the authorization-code flow: the service's answer when it names
   * one, else `/authorize` of the endpoint the adapter called (SPECS-2 §B.1).
   */
  readonly authorizationEndpoint: string;
}

/** `RegisterClient`. */
export interface RegisterClientInput {
  readonly clientName: string;
  readonly scopes?: readonly string[];
  /** `authorization_code` and `refresh_token` for the PKCE flow; none for the device flow. */
  readonly grantTypes?: readonly string[];
  readonly redirectUris?: readonly string[];
  /** The start URL, for clients of the authorization-code flow. */
  readonly issuerUrl?: string;
}

/** What the user is shown to approve a device (`StartDeviceAuthorization`). */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string | undefined;
  readonly expiresInSeconds: number;
  readonly intervalSeconds: number;
}

/** The tokens `CreateToken` issues; all are secrets. */
export interface SsoTokens {
  readonly accessToken: string;
  readonly expiresAt: Date;
  /** Absent when the client cannot refresh (legacy flows), or kept from before on a refresh. */
  readonly refreshToken: string | undefined;
}

/** The grant `CreateToken` redeems. */
export type TokenGrant =
  | { readonly kind: "device_code"; readonly deviceCode: string }
  | {
      readonly kind: "authorization_code";
      readonly code: string;
      readonly redirectUri: string;
      readonly codeVerifier: string;
    }
  | { readonly kind: "refresh_token"; readonly refreshToken: string };

/**
 * What `CreateToken` answered. A device grant the user has not approved yet is `pending` (ask
 * again after the interval) or `slow-down` (add 5 s to the interval, RFC 8628 §3.5); everything
 * else that is not a token is an AppError.
 */
export type TokenOutcome =
  | { readonly status: "issued"; readonly tokens: SsoTokens }
  | { readonly status: "pending" }
  | { readonly status: "slow-down" };

/**
 * SSO-OIDC, the token service of IAM Identity Center. Unsigned calls; every method rejects with
 * an AppError (an AuthError when a grant or client is refused or expired, an unavailable error
 * when the service could not be reached after retries).
 */
export interface SsoOidcPort {
  registerClient(input: RegisterClientInput, context: SsoCallContext): Promise<ClientRegistration>;
  startDeviceAuthorization(
    client: ClientRegistration,
    startUrl: string,
    context: SsoCallContext,
  ): Promise<DeviceAuthorization>;
  createToken(
    client: ClientRegistration,
    grant: TokenGrant,
    context: SsoCallContext,
  ): Promise<TokenOutcome>;
}
