import { callerArn } from "../auth/caller.js";
import { htmlResponse, jsonResponse, textResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import { escapeXml } from "../http/xml.js";
import type { ConsoleSession, EmulatorState, SigninGrant } from "../state.js";
import { newOpaqueToken } from "../world/ids.js";
import type { Session } from "../world/model.js";

// The IAM doc: a sign-in token is valid for 15 minutes.
const SIGNIN_TOKEN_SECONDS = 15 * 60;
// The IAM doc: without SessionDuration a console session lasts one hour at most.
const DEFAULT_CONSOLE_SECONDS = 3600;
/** The cookie that holds the browser's console session (the console's own cookies stand here). */
export const CONSOLE_COOKIE = "aws-emulator-console";

/**
 * `GET /federation?Action=getSigninToken&Session=…[&SessionDuration=N]`: temporary role or
 * federated-user credentials → a one-use sign-in token. The Session must be the IAM doc's JSON
 * object of exactly `sessionId`, `sessionKey` and `sessionToken`. Long-term keys (no session
 * token) and GetSessionToken credentials are refused, and so is SessionDuration outside
 * 900–43200 or for chained-role and federated sessions (SPECS §e) — all with AWS's one 400.
 */
export function getSigninToken(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const q = request.url.searchParams;
  const session = sessionFrom(state, q.get("Session"));
  if (session === undefined || session.principal.kind === "user") return invalidCredentials();
  const duration = q.get("SessionDuration");
  let sessionDurationSeconds: number | undefined;
  if (duration !== null) {
    const seconds = Number(duration);
    const allowed = session.principal.kind === "role" && !session.chained;
    if (!allowed || !/^\d+$/.test(duration) || seconds < 900 || seconds > 43200)
      return invalidCredentials();
    sessionDurationSeconds = seconds;
  }
  const token = newOpaqueToken(64);
  state.signinTokens.set(token, grantFor(state, session, sessionDurationSeconds));
  return jsonResponse(200, { SigninToken: token });
}

function grantFor(
  state: EmulatorState,
  session: Session,
  sessionDurationSeconds: number | undefined,
): SigninGrant {
  const now = state.clock.nowMs();
  const { principal } = session;
  const credentialsEnd = session.expiration.getTime();
  const consoleEnd =
    sessionDurationSeconds !== undefined
      ? now + sessionDurationSeconds * 1000
      : principal.kind === "federated"
        ? credentialsEnd
        : Math.min(credentialsEnd, now + DEFAULT_CONSOLE_SECONDS * 1000);
  return {
    principalArn: callerArn({
      accessKeyId: session.accessKeyId,
      principal,
      session,
      region: "us-east-1",
    }),
    accountId: principal.kind === "role" ? principal.role.accountId : principal.user.accountId,
    identityName:
      principal.kind === "role"
        ? principal.role.roleName
        : principal.kind === "federated"
          ? principal.name
          : principal.user.userName,
    expiresAt: new Date(now + SIGNIN_TOKEN_SECONDS * 1000),
    sessionDurationSeconds,
    consoleExpiresAt: new Date(consoleEnd),
    used: false,
  };
}

/**
 * `GET /federation?Action=login&Issuer=…&Destination=…&SigninToken=…`: spends the token once and
 * opens a console session in the browser's cookie, then shows the console page (on this
 * emulator: it never redirects off the machine). A browser still signed in to another account
 * gets AWS's "You must first log out" page instead, which the logout trick avoids.
 */
export function login(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const q = request.url.searchParams;
  const grant = state.signinTokens.get(q.get("SigninToken") ?? "");
  const now = state.clock.nowMs();
  if (grant === undefined || grant.used || grant.expiresAt.getTime() <= now) {
    return htmlResponse(
      400,
      "Sign-in failed",
      "<h1>Your request included an invalid sign-in token.</h1>",
    );
  }
  const current = consoleSessionOf(state, request);
  if (current !== undefined && current.accountId !== grant.accountId) {
    return htmlResponse(
      400,
      "Sign-in failed",
      `<h1>You must first log out before logging into a different AWS account.</h1><p>Signed in to account <code id="account">${current.accountId}</code>.</p>`,
    );
  }
  grant.used = true;
  const id = newOpaqueToken(16);
  state.consoleSessions.set(id, {
    principalArn: grant.principalArn,
    accountId: grant.accountId,
    identityName: grant.identityName,
    expiresAt: grant.consoleExpiresAt,
    destination: q.get("Destination") ?? "",
    sessionDurationSeconds: grant.sessionDurationSeconds,
  });
  return {
    status: 302,
    headers: {
      location: "/console",
      "set-cookie": `${CONSOLE_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`,
      "cache-control": "no-store",
    },
    body: "",
  };
}

/** `GET /console`: the page standing in for the console, saying who is signed in, until when. */
export function consolePage(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const session = consoleSessionOf(state, request);
  if (session === undefined) return htmlResponse(401, "Not signed in", "<h1>Not signed in</h1>");
  const duration =
    session.sessionDurationSeconds === undefined
      ? "not requested"
      : `${session.sessionDurationSeconds} s`;
  return htmlResponse(
    200,
    "AWS console (emulator)",
    `<h1>AWS console (emulator)</h1>` +
      `<p>Signed in as <code id="principal">${escapeXml(session.principalArn)}</code></p>` +
      `<p>Account: <code id="account">${session.accountId}</code></p>` +
      `<p>Role: <code id="role">${escapeXml(session.identityName)}</code></p>` +
      `<p>Expires: <code id="expires">${session.expiresAt.toISOString()}</code></p>` +
      `<p>Session duration: <code id="session-duration">${duration}</code></p>` +
      `<p>Destination: <code id="destination">${escapeXml(session.destination)}</code></p>`,
  );
}

/**
 * `GET /oauth?Action=logout[&redirect_uri=…]`: ends the browser's console session; then follows
 * `redirect_uri` when it is on this emulator (the logout trick chains the next login there),
 * never elsewhere.
 */
export function consoleLogout(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const id = cookieOf(request);
  if (id !== undefined) state.consoleSessions.delete(id);
  const clear = `${CONSOLE_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  const next = request.url.searchParams.get("redirect_uri");
  const target = next === null ? undefined : onThisEmulator(next, request);
  if (target !== undefined) {
    return {
      status: 302,
      headers: { location: target, "set-cookie": clear, "cache-control": "no-store" },
      body: "",
    };
  }
  const page = htmlResponse(200, "Signed out", "<h1>You have been signed out.</h1>");
  return { ...page, headers: { ...page.headers, "set-cookie": clear } };
}

function onThisEmulator(text: string, request: EmulatorRequest): string | undefined {
  try {
    const url = new URL(text, request.url);
    return url.origin === request.url.origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function consoleSessionOf(
  state: EmulatorState,
  request: EmulatorRequest,
): ConsoleSession | undefined {
  const id = cookieOf(request);
  const session = id === undefined ? undefined : state.consoleSessions.get(id);
  return session !== undefined && session.expiresAt.getTime() > state.clock.nowMs()
    ? session
    : undefined;
}

function cookieOf(request: EmulatorRequest): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === CONSOLE_COOKIE && value !== undefined && value !== "") return value;
  }
  return undefined;
}

const sessionKeys = ["sessionId", "sessionKey", "sessionToken"];

function sessionFrom(state: EmulatorState, text: string | null): Session | undefined {
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const fields: [string, unknown][] = Object.entries(parsed);
  if (
    fields.length !== sessionKeys.length ||
    !fields.every(([key, value]) => sessionKeys.includes(key) && typeof value === "string")
  ) {
    return undefined;
  }
  const value = (key: string) => fields.find(([name]) => name === key)?.[1];
  const session = state.world.sessions.get(String(value("sessionId")));
  if (session === undefined) return undefined;
  const matches =
    session.secretAccessKey === value("sessionKey") &&
    session.sessionToken === value("sessionToken") &&
    session.expiration.getTime() > state.clock.nowMs();
  return matches ? session : undefined;
}

function invalidCredentials(): EmulatorResponse {
  return textResponse(400, "text/plain", "Invalid credentials parameter");
}
