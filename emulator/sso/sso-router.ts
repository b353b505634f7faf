import { AwsError } from "../http/aws-error.js";
import { restJsonError } from "../http/rest-json.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import type { RoutedCall } from "../routed-call.js";
import type { EmulatorState } from "../state.js";
import { authorizePage } from "./authorize-page.js";
import { createToken } from "./create-token.js";
import { approveDevicePage, startDeviceAuthorization } from "./device-authorization.js";
import { getRoleCredentials, listAccountRoles, listAccounts, logout } from "./portal.js";
import { registerClient } from "./register-client.js";

type Handler = (state: EmulatorState, request: EmulatorRequest) => EmulatorResponse;

interface SsoRoute {
  readonly operation: string;
  readonly style: "oauth" | "message";
  readonly handler: Handler;
}

const ROUTES: ReadonlyMap<string, SsoRoute> = new Map([
  [
    "POST /client/register",
    { operation: "sso-oidc:RegisterClient", style: "oauth", handler: registerClient },
  ],
  [
    "POST /device_authorization",
    {
      operation: "sso-oidc:StartDeviceAuthorization",
      style: "oauth",
      handler: startDeviceAuthorization,
    },
  ],
  ["POST /token", { operation: "sso-oidc:CreateToken", style: "oauth", handler: createToken }],
  ["GET /authorize", { operation: "sso-oidc:Authorize", style: "oauth", handler: authorizePage }],
  ["POST /authorize", { operation: "sso-oidc:SignIn", style: "oauth", handler: authorizePage }],
  [
    "GET /device",
    { operation: "sso-oidc:ApproveDevice", style: "oauth", handler: approveDevicePage },
  ],
  [
    "GET /assignment/accounts",
    { operation: "sso:ListAccounts", style: "message", handler: listAccounts },
  ],
  [
    "GET /assignment/roles",
    { operation: "sso:ListAccountRoles", style: "message", handler: listAccountRoles },
  ],
  [
    "GET /federation/credentials",
    { operation: "sso:GetRoleCredentials", style: "message", handler: getRoleCredentials },
  ],
  ["POST /logout", { operation: "sso:Logout", style: "message", handler: logout }],
] satisfies Array<[string, SsoRoute]>);

/** Matches SSO-OIDC (restJson), the SSO portal (restJson, bearer token) and the approval pages. */
export function routeSso(state: EmulatorState, request: EmulatorRequest): RoutedCall | undefined {
  const route = ROUTES.get(`${request.method} ${request.url.pathname}`);
  if (route === undefined) return undefined;
  const fail = (error: AwsError) => restJsonError(error, route.style);
  return {
    operation: route.operation,
    accessKeyId: undefined,
    fail: (failure) => fail(failureError(failure, route.style)),
    run: () => {
      try {
        return Promise.resolve(route.handler(state, request));
      } catch (error) {
        if (error instanceof AwsError) return Promise.resolve(fail(error));
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

// Throttling as each service reports it: the portal's 429, OIDC's slow_down.
function failureError(
  failure: "throttle" | "error" | "denied",
  style: "oauth" | "message",
): AwsError {
  if (failure === "denied") {
    return style === "message"
      ? new AwsError("ForbiddenException", "No access", 403)
      : new AwsError("AccessDeniedException", "Access denied", 400);
  }
  if (failure === "error")
    return new AwsError("InternalServerException", "Internal server error", 500);
  return style === "message"
    ? new AwsError("TooManyRequestsException", "Rate exceeded", 429)
    : new AwsError("SlowDownException", "Slow down", 400);
}
