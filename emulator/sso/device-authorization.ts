import { jsonBody, requiredField } from "../http/rest-json.js";
import { htmlResponse, jsonResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import { escapeXml } from "../http/xml.js";
import type { EmulatorState } from "../state.js";
import { newOpaqueToken } from "../world/ids.js";
import { OidcError } from "./oidc-errors.js";
import { authenticateClient } from "./token-store.js";

const DEVICE_CODE_SECONDS = 600;

/** StartDeviceAuthorization (`POST /device_authorization`). */
export function startDeviceAuthorization(
  state: EmulatorState,
  request: EmulatorRequest,
): EmulatorResponse {
  const body = jsonBody(request);
  const client = authenticateClient(
    state,
    requiredField(body, "clientId"),
    requiredField(body, "clientSecret"),
  );
  const startUrl = requiredField(body, "startUrl");
  if (state.sso?.startUrl !== startUrl)
    throw OidcError.invalidRequest(`Unknown start URL ${startUrl}`);
  const userCode = `${code4()}-${code4()}`;
  const authorization = {
    deviceCode: newOpaqueToken(32),
    userCode,
    clientId: client.clientId,
    expiresAt: new Date(state.clock.nowMs() + DEVICE_CODE_SECONDS * 1000),
    approvedBy: undefined,
    used: false,
  };
  state.ssoRuntime.deviceAuthorizations.set(authorization.deviceCode, authorization);
  const verificationUri = `http://${request.headers.host ?? "127.0.0.1"}/device`;
  return jsonResponse(200, {
    deviceCode: authorization.deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
    expiresIn: DEVICE_CODE_SECONDS,
    interval: 1,
  });
}

/** `GET /device?user_code=…`: the verification page; approves the code for the seeded SSO user. */
export function approveDevicePage(
  state: EmulatorState,
  request: EmulatorRequest,
): EmulatorResponse {
  const userCode = request.url.searchParams.get("user_code") ?? "";
  const user = state.sso?.users[0];
  const authorization = [...state.ssoRuntime.deviceAuthorizations.values()].find(
    (a) => a.userCode === userCode,
  );
  if (
    authorization === undefined ||
    user === undefined ||
    authorization.expiresAt.getTime() <= state.clock.nowMs()
  ) {
    return htmlResponse(
      404,
      "Unknown code",
      `<h1>Unknown or expired code ${escapeXml(userCode)}</h1>`,
    );
  }
  authorization.approvedBy = user;
  return htmlResponse(
    200,
    "Request approved",
    `<h1>Request approved</h1><p>Signed in as ${escapeXml(user)}. You can close this window.</p>`,
  );
}

function code4(): string {
  return newOpaqueToken(6)
    .replace(/[^A-Za-z]/g, "")
    .toUpperCase()
    .padEnd(4, "X")
    .slice(0, 4);
}
