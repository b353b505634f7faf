import { htmlResponse, redirectResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import { escapeXml } from "../http/xml.js";
import type { EmulatorState } from "../state.js";
import { newOpaqueToken } from "../world/ids.js";

const CODE_SECONDS = 300;

/**
 * `GET /authorize` of the authorization-code flow: checks the client, the redirect URI and the
 * PKCE S256 challenge, then approves at once for the seeded SSO user and redirects back with
 * `code` and `state` (no login form: the emulator stands in for a user who clicks "Allow").
 */
export function authorizePage(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const mode = state.ssoRuntime.loginMode;
  if (mode === "form" && request.method === "GET") return loginForm(request.url.searchParams);
  if (request.method === "POST") {
    const form = new URLSearchParams(request.body.toString("utf8"));
    const user = state.sso?.users[0];
    if (form.get("username") !== user || form.get("password") !== SSO_TEST_PASSWORD) {
      return { ...loginForm(form, "Wrong user name or password"), status: 401 };
    }
    return approve(state, form, false);
  }
  return approve(state, request.url.searchParams, mode === "deny");
}

/** The password of the seeded SSO user on the emulator's login form (control API `sso-login`). */
export const SSO_TEST_PASSWORD = "emulator-sso-password-FAKE";

const formFields = [
  "response_type",
  "client_id",
  "redirect_uri",
  "state",
  "code_challenge_method",
  "code_challenge",
  "scopes",
];

function loginForm(q: URLSearchParams, problem?: string): EmulatorResponse {
  const hidden = formFields
    .map((name) => `<input type="hidden" name="${name}" value="${escapeXml(q.get(name) ?? "")}">`)
    .join("");
  return htmlResponse(
    200,
    "Sign in",
    `<h1>Sign in to the emulator's IAM Identity Center</h1>${problem === undefined ? "" : `<p id="problem">${escapeXml(problem)}</p>`}<form method="post" action="/authorize">${hidden}<label>User <input id="username" name="username"></label><label>Password <input id="password" name="password" type="password"></label><button id="allow" type="submit">Allow</button></form>`,
  );
}

function approve(state: EmulatorState, q: URLSearchParams, deny: boolean): EmulatorResponse {
  const client = state.ssoRuntime.clients.get(q.get("client_id") ?? "");
  const redirectUri = q.get("redirect_uri") ?? "";
  if (client === undefined || !redirectAllowed(client.redirectUris, redirectUri)) {
    return htmlResponse(400, "Invalid request", "<h1>Invalid client or redirect URI</h1>");
  }
  const back = new URL(redirectUri);
  back.searchParams.set("state", q.get("state") ?? "");
  const user = deny ? undefined : state.sso?.users[0];
  const challenge = q.get("code_challenge") ?? "";
  if (
    q.get("response_type") !== "code" ||
    q.get("code_challenge_method") !== "S256" ||
    challenge === "" ||
    user === undefined
  ) {
    back.searchParams.set("error", user === undefined ? "access_denied" : "invalid_request");
    return redirectResponse(back.href);
  }
  const code = newOpaqueToken(32);
  state.ssoRuntime.authorizationCodes.set(code, {
    code,
    clientId: client.clientId,
    redirectUri,
    codeChallenge: challenge,
    scopes: (q.get("scopes") ?? "").split(" ").filter((s) => s !== ""),
    userName: user,
    expiresAt: new Date(state.clock.nowMs() + CODE_SECONDS * 1000),
    used: false,
  });
  back.searchParams.set("code", code);
  return { ...redirectResponse(back.href), body: `<p>Approved for ${escapeXml(user)}</p>` };
}

// Loopback redirect URIs match whatever port the client picked (RFC 8252 §7.3), as AWS does.
function redirectAllowed(registered: readonly string[], given: string): boolean {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return false;
  }
  return registered.some((r) => {
    const reg = new URL(r);
    return (
      reg.protocol === url.protocol &&
      reg.hostname === url.hostname &&
      reg.pathname === url.pathname
    );
  });
}
