import { setTimeout as sleep } from "node:timers/promises";
import { AppError, AuthError, InterruptedError } from "../../errors.js";
import type {
  ClientRegistration,
  DeviceAuthorization,
  RegisterClientInput,
  SsoOidcPort,
  SsoTokens,
} from "../../ports/aws/sso-oidc.js";
import type {
  ListenForCallback,
  OpenBrowser,
  SsoSignedIn,
  SsoSignInRequest,
} from "../../ports/sso-sign-in.js";
import { authorizeUrl, newState, pkcePair } from "./pkce.js";

/** How the person signs in (SPECS §c.3). */
export type SignInFlow = "pkce" | "device";

/** The longest a sign-in waits for the person (the AWS CLI's overall timeout). */
export const signInWaitMs = 10 * 60 * 1000;

/** What a sign-in uses; the runtime supplies the browser, the listener and where lines go. */
export interface SignInDeps {
  readonly oidc: SsoOidcPort;
  readonly flow: SignInFlow;
  /** Opens a URL in the browser; absent (`--no-browser`, headless): the URL is only printed. */
  readonly openBrowser: OpenBrowser | undefined;
  readonly listen: ListenForCallback;
  /** One line for the person (stderr, or the terminal under `credential_process`). */
  readonly show: (line: string) => void;
  /** Renders a URL as a terminal QR code, when asked for (device flow). */
  readonly qr?: ((url: string) => Promise<string>) | undefined;
  readonly now: () => Date;
  /** Aborts the sign-in (Ctrl-C): its reason, an AppError, is what the sign-in rejects with. */
  readonly signal?: AbortSignal | undefined;
  /** The longest wait for the person; {@link signInWaitMs} unless a test says otherwise. */
  readonly waitMs?: number;
}

const redirectUriForRegistration = "http://127.0.0.1/oauth/callback";
// A registration is reused while it has this long left (the AWS CLI's window).
const registrationWindowMs = 15 * 60 * 1000;

/**
 * Signs in to IAM Identity Center the way `aws sso login` does: with the authorization-code
 * flow and PKCE through a loopback listener on 127.0.0.1 (bound before the browser opens, so no
 * callback can arrive before it), or with the device-code flow (a code the person confirms on a
 * page). The stored client registration is reused while valid for the flow; otherwise one is
 * registered. Nothing secret is shown: the page URL, the user code and where to go.
 */
export async function signInToSso(
  request: SsoSignInRequest,
  deps: SignInDeps,
): Promise<SsoSignedIn> {
  const context = { region: request.region, startUrl: request.startUrl, profile: request.profile };
  const client =
    reusable(request, deps) ??
    (await deps.oidc.registerClient(registration(request, deps.flow), context));
  const wait = waitSignal(deps);
  try {
    const tokens =
      deps.flow === "pkce"
        ? await authorizationCodeFlow(request, client, deps, wait)
        : await deviceFlow(request, client, deps, wait);
    return { tokens, client };
  } catch (error) {
    throw wait.aborted ? abortReason(wait) : error;
  }
}

function reusable(request: SsoSignInRequest, deps: SignInDeps): ClientRegistration | undefined {
  const client = request.client;
  if (client === undefined) return undefined;
  if (client.expiresAt.getTime() - deps.now().getTime() < registrationWindowMs) return undefined;
  if (!sameList(client.scopes, request.scopes)) return undefined;
  // A client of one flow cannot serve the other (the AWS CLI's `_is_registration_for_auth_code`).
  const forCode = client.grantTypes.includes("authorization_code");
  if (deps.flow === "pkce")
    return forCode && client.authorizationEndpoint !== "" ? client : undefined;
  return forCode ? undefined : client;
}

function registration(request: SsoSignInRequest, flow: SignInFlow): RegisterClientInput {
  const clientName = `awsafe-client-${request.session ?? String(Math.floor(Date.now() / 1000))}`;
  const scopes = request.scopes.length > 0 ? { scopes: request.scopes } : {};
  if (flow === "device") return { clientName, ...scopes };
  return {
    clientName,
    ...scopes,
    grantTypes: ["authorization_code", "refresh_token"],
    // No port: loopback redirects match any port (RFC 8252 §7.3), as AWS registers them.
    redirectUris: [redirectUriForRegistration],
    issuerUrl: request.startUrl,
  };
}

async function authorizationCodeFlow(
  request: SsoSignInRequest,
  client: ClientRegistration,
  deps: SignInDeps,
  wait: AbortSignal,
): Promise<SsoTokens> {
  const state = newState();
  const { verifier, challenge } = pkcePair();
  const listener = await deps.listen(state);
  let code: string;
  try {
    const url = authorizeUrl({
      endpoint: client.authorizationEndpoint,
      clientId: client.clientId,
      redirectUri: listener.redirectUri,
      state,
      challenge,
      scopes: request.scopes,
    });
    deps.show(`Signing in to ${request.startUrl} (${request.reason}).`);
    await present(
      url,
      deps,
      "If the browser does not open, rerun with --use-device-code to sign in from another device.",
    );
    code = await listener.waitForCode(wait);
  } finally {
    listener.close();
  }
  const outcome = await deps.oidc.createToken(
    client,
    { kind: "authorization_code", code, redirectUri: listener.redirectUri, codeVerifier: verifier },
    { region: request.region, startUrl: request.startUrl, profile: request.profile },
  );
  if (outcome.status !== "issued") throw unexpectedPolling();
  return outcome.tokens;
}

async function deviceFlow(
  request: SsoSignInRequest,
  client: ClientRegistration,
  deps: SignInDeps,
  wait: AbortSignal,
): Promise<SsoTokens> {
  const context = { region: request.region, startUrl: request.startUrl, profile: request.profile };
  const device = await deps.oidc.startDeviceAuthorization(client, request.startUrl, context);
  deps.show(`Signing in to ${request.startUrl} (${request.reason}).`);
  deps.show(`Open ${device.verificationUri} and enter the code ${device.userCode}`);
  const complete = device.verificationUriComplete;
  if (complete !== undefined) {
    deps.show(`or open ${complete}`);
    if (deps.qr !== undefined) deps.show(await deps.qr(complete));
    if (deps.openBrowser !== undefined) await deps.openBrowser(complete);
  }
  return poll(client, device, deps, wait, context);
}

/**
 * RFC 8628 §3.4–3.5 as the AWS CLI does it: one CreateToken at once, then one per interval while
 * the request is pending, 5 s more after each slow-down, until the code expires.
 */
async function poll(
  client: ClientRegistration,
  device: DeviceAuthorization,
  deps: SignInDeps,
  wait: AbortSignal,
  context: { region: string; startUrl: string; profile: string | undefined },
): Promise<SsoTokens> {
  const deadline = deps.now().getTime() + device.expiresInSeconds * 1000;
  let intervalMs = Math.max(1, device.intervalSeconds) * 1000;
  for (;;) {
    const outcome = await deps.oidc.createToken(
      client,
      { kind: "device_code", deviceCode: device.deviceCode },
      context,
    );
    if (outcome.status === "issued") return outcome.tokens;
    if (outcome.status === "slow-down") intervalMs += 5000;
    if (deps.now().getTime() + intervalMs > deadline) {
      throw new AuthError(
        `The sign-in request to ${context.startUrl} expired before it was approved`,
        { hint: "Run `awsafe sso login` again and approve the request before it expires" },
      );
    }
    await sleep(intervalMs, undefined, { signal: wait });
  }
}

/** Opens the URL, or prints it when there is no browser to open (or it failed to open). */
async function present(url: string, deps: SignInDeps, fallback: string): Promise<void> {
  const opened = deps.openBrowser === undefined ? false : await deps.openBrowser(url);
  if (opened) {
    deps.show("Opened the browser; finish signing in there.");
    return;
  }
  deps.show(`Open this URL in a browser on this machine to sign in:`);
  deps.show(url);
  if (deps.openBrowser !== undefined) deps.show(fallback);
}

/** Aborts with the caller's signal (Ctrl-C) or when the person took longer than the limit. */
function waitSignal(deps: SignInDeps): AbortSignal {
  const timeout = AbortSignal.timeout(deps.waitMs ?? signInWaitMs);
  return deps.signal === undefined ? timeout : AbortSignal.any([deps.signal, timeout]);
}

function abortReason(wait: AbortSignal): AppError {
  const reason: unknown = wait.reason;
  if (reason instanceof AppError) return reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new AuthError("No sign-in arrived within 10 minutes (the browser window was closed?)", {
      hint: "Run `awsafe sso login` again and finish signing in in the browser, or use --use-device-code",
    });
  }
  return new InterruptedError("The sign-in was cancelled; nothing was stored");
}

function unexpectedPolling(): AuthError {
  return new AuthError(
    "IAM Identity Center answered the authorization code as if it were a device code",
    {
      hint: "Run `awsafe sso login` again",
    },
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}
