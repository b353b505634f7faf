import { jsonResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import { JsonReader, parseJsonStrict } from "../seed/json-reader.js";
import type { EmulatorState } from "../state.js";
import type { Fault, FaultKind } from "./fault-table.js";

/** Path prefix of the control API. */
export const CONTROL_PREFIX = "/__emulator/";

/**
 * The control API: `GET|DELETE /__emulator/stats`, `GET|POST /__emulator/clock`
 * (`{"advanceSeconds": n}`), `GET|POST|DELETE /__emulator/faults`
 * (`{"operation": "sts:AssumeRole"|"*", "kind": "throttle"|"error"|"denied"|"lost-reply"|"latency",
 * "count"?: n, "always"?: true, "skip"?: n, "latencyMs"?: n}`; default one call), `GET|POST|DELETE /__emulator/page-limit`
 * (`{"maxItems": n}`: no list page holds more), `GET|POST|DELETE /__emulator/new-key-delay`
 * (`{"seconds": n}`: keys CreateAccessKey makes from then on are refused for n seconds).
 */
export function handleControl(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const route = `${request.method} ${request.url.pathname.slice(CONTROL_PREFIX.length)}`;
  try {
    switch (route) {
      case "GET stats":
        return jsonResponse(200, state.stats.snapshot());
      case "DELETE stats":
        state.stats.reset();
        return jsonResponse(200, state.stats.snapshot());
      case "GET clock":
        return jsonResponse(200, clockView(state));
      case "POST clock":
        state.clock.advance(body(request).field("advanceSeconds").number(0));
        return jsonResponse(200, clockView(state));
      case "GET faults":
        return jsonResponse(200, { faults: state.faults.list() });
      case "POST faults":
        state.faults.add(readFault(body(request)));
        return jsonResponse(200, { faults: state.faults.list() });
      case "DELETE faults":
        state.faults.clear();
        return jsonResponse(200, { faults: [] });
      case "GET page-limit":
        return jsonResponse(200, { maxItems: state.pageLimit.maxItems ?? null });
      case "POST page-limit":
        state.pageLimit.set(body(request).field("maxItems").number(100));
        return jsonResponse(200, { maxItems: state.pageLimit.maxItems ?? null });
      case "POST rate-limit": {
        const reader = body(request);
        state.rateLimit.set(
          reader.field("service").string(),
          reader.field("perSecond").number(10),
          reader.field("burst").number(1),
        );
        return jsonResponse(200, { limits: state.rateLimit.list() });
      }
      case "DELETE rate-limit":
        state.rateLimit.clear();
        return jsonResponse(200, { limits: [] });
      case "POST sso-revoke": {
        // Refresh tokens (and with accessTokens, access tokens too) stop working, as when an
        // administrator ends a user's sessions.
        const reader = body(request);
        const accessTokens = reader.field("accessTokens").boolean(false);
        for (const token of state.ssoRuntime.refreshTokens.values()) token.refreshRevoked = true;
        if (accessTokens)
          for (const token of state.ssoRuntime.accessTokens.values()) token.revoked = true;
        return jsonResponse(200, { revoked: true });
      }
      case "POST sso-login": {
        const mode = body(request).field("mode").string();
        if (mode !== "auto" && mode !== "form" && mode !== "deny") {
          throw new Error(`mode: expected "auto", "form" or "deny", found "${mode}"`);
        }
        state.ssoRuntime.loginMode = mode;
        return jsonResponse(200, { mode });
      }
      case "DELETE page-limit":
        state.pageLimit.clear();
        return jsonResponse(200, { maxItems: null });
      case "GET new-key-delay":
        return jsonResponse(200, { seconds: state.newKeyDelay.seconds });
      case "POST new-key-delay":
        state.newKeyDelay.set(body(request).field("seconds").number(0));
        return jsonResponse(200, { seconds: state.newKeyDelay.seconds });
      case "DELETE new-key-delay":
        state.newKeyDelay.clear();
        return jsonResponse(200, { seconds: 0 });
      default:
        return jsonResponse(404, { message: `unknown control route: ${route}` });
    }
  } catch (error) {
    return jsonResponse(400, { message: error instanceof Error ? error.message : String(error) });
  }
}

function clockView(state: EmulatorState) {
  return { now: state.clock.now().toISOString(), offsetSeconds: state.clock.offsetMs / 1000 };
}

function body(request: EmulatorRequest): JsonReader {
  const text = request.body.toString("utf8");
  return new JsonReader(text === "" ? {} : parseJsonStrict(text, "body"), "body");
}

const faultKinds: readonly FaultKind[] = ["throttle", "error", "denied", "lost-reply", "latency"];

function readFault(reader: JsonReader): Fault {
  const kind = reader.field("kind").string();
  const faultKind = faultKinds.find((known) => known === kind);
  if (faultKind === undefined) {
    throw reader
      .field("kind")
      .fail(`expected one of ${faultKinds.map((k) => `"${k}"`).join(", ")}, found "${kind}"`);
  }
  const always = reader.field("always").boolean(false);
  return {
    operation: reader.field("operation").string(),
    kind: faultKind,
    remaining: always ? null : Math.max(1, reader.field("count").number(1)),
    skip: Math.max(0, reader.field("skip").number(0)),
    latencyMs: reader.field("latencyMs").number(0),
  };
}
