import { createHash } from "node:crypto";
import type { JsonReader } from "../seed/json-reader.js";
import { jsonBody, requiredField } from "../http/rest-json.js";
import { jsonResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import type { EmulatorState } from "../state.js";
import { OidcError } from "./oidc-errors.js";
import type { OidcClient, SsoToken } from "./sso-runtime.js";
import { authenticateClient, issueToken, tokenJson } from "./token-store.js";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** CreateToken (`POST /token`): device_code, authorization_code with PKCE S256, refresh_token. */
export function createToken(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const body = jsonBody(request);
  const client = authenticateClient(
    state,
    requiredField(body, "clientId"),
    requiredField(body, "clientSecret"),
  );
  const grantType = requiredField(body, "grantType");
  switch (grantType) {
    case DEVICE_GRANT:
      return jsonResponse(
        200,
        tokenJson(deviceGrant(state, client, requiredField(body, "deviceCode"))),
      );
    case "authorization_code":
      return jsonResponse(200, tokenJson(codeGrant(state, client, body)));
    case "refresh_token":
      return jsonResponse(
        200,
        tokenJson(refreshGrant(state, client, requiredField(body, "refreshToken"))),
      );
    default:
      throw OidcError.unsupportedGrant(grantType);
  }
}

function deviceGrant(state: EmulatorState, client: OidcClient, deviceCode: string): SsoToken {
  const authorization = state.ssoRuntime.deviceAuthorizations.get(deviceCode);
  if (authorization?.clientId !== client.clientId || authorization.used)
    throw OidcError.invalidGrant();
  if (authorization.expiresAt.getTime() <= state.clock.nowMs()) throw OidcError.expired();
  if (authorization.approvedBy === undefined) throw OidcError.pending();
  authorization.used = true;
  return issueToken(state, client.clientId, authorization.approvedBy);
}

function codeGrant(state: EmulatorState, client: OidcClient, body: JsonReader): SsoToken {
  const grant = state.ssoRuntime.authorizationCodes.get(requiredField(body, "code"));
  if (
    grant?.clientId !== client.clientId ||
    grant.used ||
    grant.expiresAt.getTime() <= state.clock.nowMs()
  ) {
    throw OidcError.invalidGrant();
  }
  if (requiredField(body, "redirectUri") !== grant.redirectUri)
    throw OidcError.invalidGrant("Redirect URI mismatch");
  // RFC 7636 S256: BASE64URL(SHA256(verifier)) must equal the challenge sent to /authorize.
  const challenge = createHash("sha256")
    .update(requiredField(body, "codeVerifier"))
    .digest("base64url");
  if (challenge !== grant.codeChallenge) throw OidcError.invalidGrant("PKCE verification failed");
  grant.used = true;
  return issueToken(state, client.clientId, grant.userName);
}

function refreshGrant(state: EmulatorState, client: OidcClient, refreshToken: string): SsoToken {
  const previous = state.ssoRuntime.refreshTokens.get(refreshToken);
  if (
    previous?.clientId !== client.clientId ||
    previous.revoked ||
    previous.refreshRevoked === true
  )
    throw OidcError.invalidGrant();
  // Refresh tokens rotate: the old one is spent.
  state.ssoRuntime.refreshTokens.delete(refreshToken);
  return issueToken(state, client.clientId, previous.userName);
}
