import type { EmulatorState } from "../state.js";
import { newOpaqueToken } from "../world/ids.js";
import { OidcError } from "./oidc-errors.js";
import type { OidcClient, SsoToken } from "./sso-runtime.js";

/** Identity Center access tokens last 8 hours by default. */
export const ACCESS_TOKEN_SECONDS = 8 * 3600;

/** The registered client, or InvalidClientException for a wrong id, secret, or expiry. */
export function authenticateClient(
  state: EmulatorState,
  clientId: string,
  clientSecret: string,
): OidcClient {
  const client = state.ssoRuntime.clients.get(clientId);
  if (client?.clientSecret !== clientSecret) throw OidcError.invalidClient();
  if (client.expiresAt.getTime() <= state.clock.nowMs())
    throw OidcError.invalidClient("Client registration has expired");
  return client;
}

/** Issues an access token and its refresh token for `userName`. */
export function issueToken(state: EmulatorState, clientId: string, userName: string): SsoToken {
  const token: SsoToken = {
    accessToken: `aoa${newOpaqueToken(48)}`,
    refreshToken: `aor${newOpaqueToken(48)}`,
    clientId,
    userName,
    expiresAt: new Date(state.clock.nowMs() + ACCESS_TOKEN_SECONDS * 1000),
    revoked: false,
  };
  state.ssoRuntime.accessTokens.set(token.accessToken, token);
  state.ssoRuntime.refreshTokens.set(token.refreshToken, token);
  return token;
}

/** The CreateToken answer for a token. */
export function tokenJson(token: SsoToken) {
  return {
    accessToken: token.accessToken,
    tokenType: "Bearer",
    expiresIn: ACCESS_TOKEN_SECONDS,
    refreshToken: token.refreshToken,
  };
}

/** A live access token, or undefined when unknown, expired or logged out. */
export function liveAccessToken(
  state: EmulatorState,
  accessToken: string | undefined,
): SsoToken | undefined {
  const token =
    accessToken === undefined ? undefined : state.ssoRuntime.accessTokens.get(accessToken);
  if (token === undefined || token.revoked || token.expiresAt.getTime() <= state.clock.nowMs())
    return undefined;
  return token;
}
