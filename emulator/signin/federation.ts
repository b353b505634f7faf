import { callerArn } from "../auth/caller.js";
import { htmlResponse, jsonResponse, redirectResponse, textResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import { escapeXml } from "../http/xml.js";
import { JsonReader, parseJsonStrict } from "../seed/json-reader.js";
import type { EmulatorState } from "../state.js";
import { newOpaqueToken } from "../world/ids.js";
import type { Session } from "../world/model.js";

// The IAM doc: a sign-in token is valid for 15 minutes.
const SIGNIN_TOKEN_SECONDS = 15 * 60;

/**
 * `GET /federation?Action=getSigninToken&Session=…[&SessionDuration=N]`: temporary role or
 * federated-user credentials → a one-use sign-in token. IAM-user and GetSessionToken credentials
 * are refused, and so is SessionDuration for chained-role or federated sessions (SPECS §e).
 */
export function getSigninToken(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const q = request.url.searchParams;
  const session = sessionFrom(state, q.get("Session"));
  if (session === undefined || session.principal.kind === "user") return invalidCredentials();
  const duration = q.get("SessionDuration");
  if (duration !== null) {
    const seconds = Number(duration);
    const allowed = session.principal.kind === "role" && !session.chained;
    if (!allowed || !Number.isInteger(seconds) || seconds < 900 || seconds > 43200)
      return invalidCredentials();
  }
  const token = newOpaqueToken(64);
  state.signinTokens.set(token, {
    principalArn: callerArn({
      accessKeyId: session.accessKeyId,
      principal: session.principal,
      session,
      region: "us-east-1",
    }),
    accountId:
      session.principal.kind === "role"
        ? session.principal.role.accountId
        : session.principal.user.accountId,
    expiresAt: new Date(state.clock.nowMs() + SIGNIN_TOKEN_SECONDS * 1000),
    used: false,
  });
  return jsonResponse(200, { SigninToken: token });
}

/** `GET /federation?Action=login&Issuer=…&Destination=…&SigninToken=…` → the console page. */
export function login(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const q = request.url.searchParams;
  const grant = state.signinTokens.get(q.get("SigninToken") ?? "");
  if (grant === undefined || grant.used || grant.expiresAt.getTime() <= state.clock.nowMs()) {
    return htmlResponse(
      400,
      "Sign-in failed",
      "<h1>Your request included an invalid sign-in token.</h1>",
    );
  }
  grant.used = true;
  const id = newOpaqueToken(16);
  state.consoleSessions.set(id, {
    principalArn: grant.principalArn,
    destination: q.get("Destination") ?? "",
  });
  return redirectResponse(`/console?session=${id}`);
}

/** `GET /console?session=…`: a small page saying who is signed in. */
export function consolePage(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const session = state.consoleSessions.get(request.url.searchParams.get("session") ?? "");
  if (session === undefined) return htmlResponse(401, "Not signed in", "<h1>Not signed in</h1>");
  return htmlResponse(
    200,
    "AWS console (emulator)",
    `<h1>AWS console (emulator)</h1><p>Signed in as <code id="principal">${escapeXml(session.principalArn)}</code></p>` +
      `<p>Destination: <code id="destination">${escapeXml(session.destination)}</code></p>`,
  );
}

/** `GET /oauth?Action=logout`: ends every console session (the "logout trick" target). */
export function consoleLogout(state: EmulatorState): EmulatorResponse {
  state.consoleSessions.clear();
  return htmlResponse(200, "Signed out", "<h1>You have been signed out.</h1>");
}

function sessionFrom(state: EmulatorState, text: string | null): Session | undefined {
  if (text === null) return undefined;
  try {
    const reader = new JsonReader(parseJsonStrict(text, "Session"), "Session");
    const session = state.world.sessions.get(reader.field("sessionId").string());
    if (session === undefined) return undefined;
    const matches =
      session.secretAccessKey === reader.field("sessionKey").string() &&
      session.sessionToken === reader.field("sessionToken").string() &&
      session.expiration.getTime() > state.clock.nowMs();
    return matches ? session : undefined;
  } catch {
    return undefined;
  }
}

function invalidCredentials(): EmulatorResponse {
  return textResponse(400, "text/plain", "Invalid credentials parameter");
}
