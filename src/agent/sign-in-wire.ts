import type { ClientRegistration, SsoTokens } from "../ports/aws/sso-oidc.js";
import type { SsoSignedIn, SsoSignInRequest } from "../ports/sso-sign-in.js";

type Fields = Readonly<Record<string, unknown>>;

/** A client registration as it travels on the socket (dates as ISO 8601). */
export interface WireClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: string;
  readonly grantTypes: readonly string[];
  readonly scopes: readonly string[];
  readonly authorizationEndpoint: string;
}

/** The agent's question: sign in for this target (the registration it has, to reuse). */
export interface WireSignInRequest {
  readonly key: string;
  readonly session?: string;
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: readonly string[];
  readonly profile?: string;
  readonly reason: string;
  readonly client?: WireClient;
}

/** The client's answer: the tokens and the client they belong to. */
export interface WireSignedIn {
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly refreshToken?: string;
  readonly client: WireClient;
}

export function toWireSignInRequest(request: SsoSignInRequest): WireSignInRequest {
  return {
    key: request.key,
    ...(request.session === undefined ? {} : { session: request.session }),
    startUrl: request.startUrl,
    region: request.region,
    scopes: request.scopes,
    ...(request.profile === undefined ? {} : { profile: request.profile }),
    reason: request.reason,
    ...(request.client === undefined ? {} : { client: toWireClient(request.client) }),
  };
}

export function fromWireSignInRequest(value: unknown): SsoSignInRequest | undefined {
  const m = fields(value);
  if (m === undefined) return undefined;
  const [key, startUrl, region, reason] = ["key", "startUrl", "region", "reason"].map((k) =>
    str(m, k),
  );
  const scopes = strings(m.scopes);
  if (
    key === undefined ||
    startUrl === undefined ||
    region === undefined ||
    reason === undefined ||
    scopes === undefined
  ) {
    return undefined;
  }
  const client = m.client === undefined ? undefined : fromWireClient(m.client);
  if (m.client !== undefined && client === undefined) return undefined;
  return {
    key,
    session: str(m, "session"),
    startUrl,
    region,
    scopes,
    profile: str(m, "profile"),
    reason,
    client,
  };
}

export function toWireSignedIn(signedIn: SsoSignedIn): WireSignedIn {
  const { tokens } = signedIn;
  return {
    accessToken: tokens.accessToken,
    expiresAt: tokens.expiresAt.toISOString(),
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
    client: toWireClient(signedIn.client),
  };
}

export function fromWireSignedIn(value: unknown): SsoSignedIn | undefined {
  const m = fields(value);
  if (m === undefined) return undefined;
  const accessToken = str(m, "accessToken");
  const expiresAt = date(str(m, "expiresAt"));
  const client = fromWireClient(m.client);
  if (accessToken === undefined || expiresAt === undefined || client === undefined)
    return undefined;
  const tokens: SsoTokens = { accessToken, expiresAt, refreshToken: str(m, "refreshToken") };
  return { tokens, client };
}

function toWireClient(client: ClientRegistration): WireClient {
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    expiresAt: client.expiresAt.toISOString(),
    grantTypes: client.grantTypes,
    scopes: client.scopes,
    authorizationEndpoint: client.authorizationEndpoint,
  };
}

function fromWireClient(value: unknown): ClientRegistration | undefined {
  const m = fields(value);
  if (m === undefined) return undefined;
  const clientId = str(m, "clientId");
  const clientSecret = str(m, "clientSecret");
  const expiresAt = date(str(m, "expiresAt"));
  const grantTypes = strings(m.grantTypes);
  const scopes = strings(m.scopes);
  const authorizationEndpoint = str(m, "authorizationEndpoint");
  if (
    clientId === undefined ||
    clientSecret === undefined ||
    expiresAt === undefined ||
    grantTypes === undefined ||
    scopes === undefined ||
    authorizationEndpoint === undefined
  ) {
    return undefined;
  }
  return { clientId, clientSecret, expiresAt, grantTypes, scopes, authorizationEndpoint };
}

function fields(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : undefined;
}

function str(m: Fields, key: string): string | undefined {
  const value = m[key];
  return typeof value === "string" ? value : undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string")
    ? value
    : undefined;
}

function date(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
