import type { ClientRegistration, SsoTokens } from "../../ports/aws/sso-oidc.js";
import type { SsoTarget } from "../../plan/sso-target.js";
import type {
  SecretStore,
  SsoClientItem,
  SsoTokenItem,
  StoreChange,
} from "../../ports/secret-store.js";

/** A stored sign-in: the token item and, when it was stored with one, its client. */
export interface StoredSignIn {
  readonly tokens: SsoTokens;
  readonly client: ClientRegistration | undefined;
}

/** The token stored for `target`, with the client that can refresh it. */
export async function readStoredSignIn(
  store: SecretStore,
  target: SsoTarget,
): Promise<StoredSignIn | undefined> {
  const item = await store.get({ kind: "sso-token", name: target.key });
  if (item === undefined) return undefined;
  return {
    tokens: {
      accessToken: item.accessToken,
      expiresAt: new Date(item.expiresAt),
      refreshToken: item.refreshToken,
    },
    client:
      item.clientId === undefined || item.clientSecret === undefined
        ? undefined
        : {
            clientId: item.clientId,
            clientSecret: item.clientSecret,
            expiresAt: new Date(item.registrationExpiresAt ?? 0),
            grantTypes: [],
            scopes: target.scopes,
            authorizationEndpoint: "",
          },
  };
}

/** The client registration stored for `target` (reused by later sign-ins). */
export async function readStoredClient(
  store: SecretStore,
  target: SsoTarget,
): Promise<ClientRegistration | undefined> {
  const item = await store.get({ kind: "sso-client", name: target.key });
  if (item === undefined) return undefined;
  return {
    clientId: item.clientId,
    clientSecret: item.clientSecret,
    expiresAt: new Date(item.expiresAt),
    grantTypes: item.grantTypes ?? [],
    scopes: item.scopes ?? [],
    authorizationEndpoint: item.authorizationEndpoint ?? "",
  };
}

/** The store changes that keep a sign-in: the token (with its client) and the client itself. */
export function signInChanges(
  target: SsoTarget,
  tokens: SsoTokens,
  client: ClientRegistration,
): StoreChange[] {
  return [
    {
      op: "put",
      item: {
        ref: { kind: "sso-token", name: target.key },
        value: tokenItem(target, tokens, client),
      },
    },
    {
      op: "put",
      item: { ref: { kind: "sso-client", name: target.key }, value: clientItem(target, client) },
    },
  ];
}

/** The token item of a sign-in or a refresh. */
export function tokenItem(
  target: SsoTarget,
  tokens: SsoTokens,
  client: ClientRegistration,
): SsoTokenItem {
  return {
    accessToken: tokens.accessToken,
    expiresAt: tokens.expiresAt.toISOString(),
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: client.expiresAt.toISOString(),
    region: target.region,
    startUrl: target.startUrl,
  };
}

function clientItem(target: SsoTarget, client: ClientRegistration): SsoClientItem {
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    expiresAt: client.expiresAt.toISOString(),
    grantTypes: client.grantTypes,
    scopes: client.scopes,
    authorizationEndpoint: client.authorizationEndpoint,
    region: target.region,
    startUrl: target.startUrl,
  };
}
