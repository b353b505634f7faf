import { jsonBody, requiredField } from "../http/rest-json.js";
import { jsonResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import type { EmulatorState } from "../state.js";
import { newOpaqueToken } from "../world/ids.js";
import { OidcError } from "./oidc-errors.js";

// AWS registrations last 90 days.
const REGISTRATION_SECONDS = 90 * 24 * 3600;

/** RegisterClient (`POST /client/register`): a public client, device or auth-code grants. */
export function registerClient(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const body = jsonBody(request);
  const clientName = requiredField(body, "clientName");
  if (requiredField(body, "clientType") !== "public")
    throw OidcError.invalidRequest("clientType must be public");
  const list = (name: string) => body.field(name).array((r) => r.string());
  const now = state.clock.nowMs();
  const client = {
    clientId: newOpaqueToken(16),
    clientSecret: newOpaqueToken(48),
    clientName,
    scopes: list("scopes"),
    grantTypes: list("grantTypes"),
    redirectUris: list("redirectUris"),
    expiresAt: new Date(now + REGISTRATION_SECONDS * 1000),
  };
  state.ssoRuntime.clients.set(client.clientId, client);
  return jsonResponse(200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(now / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAt.getTime() / 1000),
  });
}
