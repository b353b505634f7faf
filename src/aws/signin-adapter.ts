import { ConfigError } from "../errors.js";
import type { AwsCallContext } from "../ports/aws/call-context.js";
import type {
  LoginUrlInput,
  SessionCredentials,
  SigninPort,
  SigninTokenInput,
} from "../ports/aws/signin.js";
import type { Environment } from "../ports/environment.js";
import { type ClientFactoryOptions, callRegion, serviceEndpoint } from "./client-factory.js";
import { discardBody, fetchWithRetries, type RetryPolicy } from "./fetch-with-retries.js";
import {
  type FailedSigninCall,
  signinAnswerError,
  signinStatusError,
  signinTransportError,
} from "./map-signin-error.js";
import { signinHost, signinPartition } from "./signin-host.js";

/** How the sign-in adapter reaches the federation endpoint. */
export interface SigninAdapterOptions extends ClientFactoryOptions {
  /** The HTTP client; Node's global `fetch` unless a test gives another. */
  readonly fetch?: typeof fetch;
  /** How long one attempt may take (default 10 s). */
  readonly timeoutMs?: number;
}

const defaultAttempts = 3;
const defaultTimeoutMs = 10_000;
const baseDelayMs = 200;

/**
 * The {@link SigninPort}: `GET /federation?Action=getSigninToken` of the AWS sign-in endpoint
 * (SPECS §e), which is no SDK service, and the login URLs that spend its token on the same host.
 * The Session (the credentials), the token it answers with and the URLs holding that token are
 * secrets: they travel only in the request and the result, never in an error.
 */
export function createSigninAdapter(options: SigninAdapterOptions): SigninPort {
  const send = options.fetch ?? fetch;
  const policy: RetryPolicy = {
    attempts: options.maxAttempts ?? defaultAttempts,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    baseDelayMs,
  };
  return {
    getSigninToken: async (credentials, input, context) => {
      const url = federationUrl(options.env, context);
      const session = sessionJson(credentials);
      const call: FailedSigninCall = {
        profile: context.profile,
        host: url.host,
        sessionDurationSeconds: input.sessionDurationSeconds,
        secrets: secretForms([credentials.secretAccessKey, credentials.sessionToken, session]),
      };
      addQuery(url, session, input);
      const started = performance.now();
      const took = () => `${String(Math.round(performance.now() - started))} ms`;
      const response = await fetchWithRetries(send, url, requestInit, policy).catch(
        (error: unknown) => {
          options.debug?.(`AWS sign-in getSigninToken (${url.host}): failed in ${took()}`);
          throw signinTransportError(error, call);
        },
      );
      // The URL carries the session: only its host is logged.
      options.debug?.(
        `AWS sign-in getSigninToken (${url.host}): HTTP ${String(response.status)} in ${took()}`,
      );
      if (response.status !== 200) {
        await discardBody(response);
        throw signinStatusError(response.status, call);
      }
      const body: unknown = await response.json().catch(() => undefined);
      return signinToken(body, call);
    },
    loginUrl: (signinToken, input, context) =>
      loginUrl(federationUrl(options.env, context), signinToken, input).href,
    logoutThenLoginUrl: (signinToken, input, context) => {
      const base = logoutTrickBase(options.env, context);
      if (base === undefined) return undefined;
      const login = loginUrl(new URL(`${base}/federation`), signinToken, input);
      const logout = new URL(`${base}/oauth`);
      logout.searchParams.set("Action", "logout");
      logout.searchParams.set("redirect_uri", login.href);
      return logout.href;
    },
  };
}

function loginUrl(federation: URL, signinToken: string, input: LoginUrlInput): URL {
  federation.searchParams.set("Action", "login");
  federation.searchParams.set("Issuer", input.issuer);
  federation.searchParams.set("Destination", input.destination);
  federation.searchParams.set("SigninToken", signinToken);
  return federation;
}

/**
 * Where the logout-then-login chain goes: AWS follows `redirect_uri` from its logout page only
 * to a `us-east-1.signin.aws.amazon.com` URL (guardian/janus-app's `autoLogoutUrl`), so both
 * halves use that host, which only the commercial partition has.
 */
function logoutTrickBase(env: Environment, context: AwsCallContext): string | undefined {
  const endpoint = serviceEndpoint(env, "signin");
  if (endpoint !== undefined)
    return new URL(federationUrl(env, context)).href.replace(/\/federation$/, "");
  return signinPartition(callRegion(env, context)) === "aws"
    ? "https://us-east-1.signin.aws.amazon.com"
    : undefined;
}

// No redirects: a redirect could carry the query, and with it the Session, to another host.
const requestInit: RequestInit = { redirect: "manual", headers: { accept: "application/json" } };

/** `https://<host>/federation`, or the endpoint the environment points sign-in at. */
function federationUrl(env: Environment, context: AwsCallContext): URL {
  const endpoint = serviceEndpoint(env, "signin");
  if (endpoint === undefined) {
    const region = callRegion(env, context);
    // The region becomes part of the host the Session is sent to: only a region's characters.
    if (!/^[a-z0-9-]+$/.test(region)) {
      throw new ConfigError(`"${region}" is not an AWS region name`, {
        hint: "Fix the region (--region, AWS_REGION or the profile's region), e.g. eu-west-1",
      });
    }
    return new URL(`https://${signinHost(region)}/federation`);
  }
  try {
    return new URL(`${endpoint.replace(/\/+$/, "")}/federation`);
  } catch (error) {
    throw new ConfigError(`The sign-in endpoint "${endpoint}" is not a URL`, {
      hint: "Fix AWS_ENDPOINT_URL_SIGNIN (or AWS_ENDPOINT_URL), or unset it",
      cause: error,
    });
  }
}

// The IAM doc's exact Session shape: these three keys, in this order.
function sessionJson(credentials: SessionCredentials): string {
  return JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
}

function addQuery(url: URL, session: string, input: SigninTokenInput): void {
  url.searchParams.set("Action", "getSigninToken");
  url.searchParams.set("Session", session);
  if (input.sessionDurationSeconds !== undefined) {
    url.searchParams.set("SessionDuration", String(input.sessionDurationSeconds));
  }
}

/** Each secret as it is, percent-encoded, and form-encoded as it travels in the query. */
function secretForms(secrets: readonly string[]): string[] {
  return secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]);
}

function signinToken(body: unknown, call: FailedSigninCall): string {
  const token =
    typeof body === "object" && body !== null && "SigninToken" in body
      ? body.SigninToken
      : undefined;
  if (typeof token !== "string" || token === "") throw signinAnswerError(call);
  return token;
}
