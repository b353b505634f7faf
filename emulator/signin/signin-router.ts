import { textResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import type { RoutedCall } from "../routed-call.js";
import type { EmulatorState } from "../state.js";
import { consoleLogout, consolePage, getSigninToken, login } from "./federation.js";

/** Matches the sign-in federation endpoint (`/federation`, `/oauth`) and the console page. */
export function routeSignin(
  state: EmulatorState,
  request: EmulatorRequest,
): RoutedCall | undefined {
  if (request.method !== "GET") return undefined;
  const action = request.url.searchParams.get("Action");
  const handler = pick(request.url.pathname, action);
  if (handler === undefined) return undefined;
  return {
    operation: `signin:${action ?? "console"}`,
    accessKeyId: undefined,
    fail: (failure) =>
      failure === "throttle"
        ? textResponse(429, "text/plain", "Rate exceeded")
        : failure === "denied"
          ? textResponse(403, "text/plain", "Access denied")
          : textResponse(500, "text/plain", "Internal error"),
    run: () => Promise.resolve(handler(state, request)),
  };
}

function pick(
  path: string,
  action: string | null,
): ((state: EmulatorState, request: EmulatorRequest) => EmulatorResponse) | undefined {
  if (path === "/federation" && action === "getSigninToken") return getSigninToken;
  if (path === "/federation" && action === "login") return login;
  if (path === "/oauth" && action === "logout") return consoleLogout;
  if (path === "/console") return consolePage;
  return undefined;
}
