/** A client registered with RegisterClient. */
export interface OidcClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientName: string;
  readonly scopes: readonly string[];
  readonly grantTypes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly expiresAt: Date;
}

/** A pending or approved device authorization. */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly expiresAt: Date;
  approvedBy: string | undefined;
  used: boolean;
}

/** An authorization code issued by `/authorize`. */
export interface AuthorizationCode {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly userName: string;
  readonly expiresAt: Date;
  used: boolean;
}

/** An SSO access token (and the refresh token that renews it). */
export interface SsoToken {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly userName: string;
  readonly expiresAt: Date;
  revoked: boolean;
  /** The refresh token no longer works (control API `sso-revoke`). */
  refreshRevoked?: boolean;
}

/** Mutable SSO-OIDC state: clients, device flows, codes, tokens. */
export class SsoRuntime {
  readonly clients = new Map<string, OidcClient>();
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();
  readonly authorizationCodes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, SsoToken>();
  readonly refreshTokens = new Map<string, SsoToken>();
  /** How `/authorize` signs the user in: at once, with a login form, or refusing. */
  loginMode: "auto" | "form" | "deny" = "auto";
}
