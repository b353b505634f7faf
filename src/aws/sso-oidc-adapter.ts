import { traceSdkCalls } from "./trace-sdk-calls.js";
import type * as OidcSdk from "@aws-sdk/client-sso-oidc";
import type { SsoCallContext } from "../ports/aws/sso.js";
import type {
  ClientRegistration,
  DeviceAuthorization,
  RegisterClientInput,
  SsoOidcPort,
  SsoTokens,
  TokenGrant,
  TokenOutcome,
} from "../ports/aws/sso-oidc.js";
import {
  callRegion,
  type ClientFactoryOptions,
  sdkClientConfig,
  serviceEndpoint,
  sdkModule,
  withSdkClient,
} from "./client-factory.js";
import { awsErrorFacts, unexpectedAwsAnswer } from "./map-aws-error.js";
import { type FailedSsoOidcCall, mapSsoOidcError } from "./map-sso-oidc-error.js";

/** How the SSO-OIDC adapter reaches the service, and its clock. */
export interface SsoOidcAdapterOptions extends ClientFactoryOptions {
  /** The time token lifetimes count from; the real clock unless a test gives another. */
  readonly now?: () => Date;
}

const service = "IAM Identity Center (SSO-OIDC)";
const deviceGrantType = "urn:ietf:params:oauth:grant-type:device_code";
// RFC 8628 §3.2: the polling interval when the answer names none.
const defaultIntervalSeconds = 5;

/**
 * The {@link SsoOidcPort} over `@aws-sdk/client-sso-oidc` (unsigned calls), in the sso-session's
 * region. The SDK is imported on the first call; every failure leaves as an AppError (see
 * `mapSsoOidcError`), except the two polling answers of a device grant.
 */
export function createSsoOidcAdapter(options: SsoOidcAdapterOptions): SsoOidcPort {
  const now = options.now ?? (() => new Date());
  const call = async <T>(
    failed: FailedSsoOidcCall,
    send: (sdk: typeof OidcSdk, client: OidcSdk.SSOOIDCClient) => Promise<T>,
  ): Promise<T> => {
    const sdk = sdkModule(await import("@aws-sdk/client-sso-oidc"), "SSOOIDCClient");
    return withSdkClient(
      () => {
        const client = new sdk.SSOOIDCClient(sdkClientConfig(options, "sso-oidc", failed.context));
        traceSdkCalls(client.middlewareStack, options.debug);
        return client;
      },
      (client) => send(sdk, client),
      (error) => mapSsoOidcError(error, failed),
    );
  };

  return {
    registerClient: (input, context) =>
      call({ operation: "RegisterClient", context }, async (sdk, client) => {
        const out = await client.send(
          new sdk.RegisterClientCommand({
            clientName: input.clientName,
            clientType: "public",
            scopes: input.scopes?.slice(),
            grantTypes: input.grantTypes?.slice(),
            redirectUris: input.redirectUris?.slice(),
            issuerUrl: input.issuerUrl,
          }),
        );
        return registration(out, input, authorizeUrl(options, context));
      }),
    startDeviceAuthorization: (client, startUrl, context) =>
      call({ operation: "StartDeviceAuthorization", context }, async (sdk, sso) => {
        const out = await sso.send(
          new sdk.StartDeviceAuthorizationCommand({
            clientId: client.clientId,
            clientSecret: client.clientSecret,
            startUrl,
          }),
        );
        return deviceAuthorization(out);
      }),
    createToken: (client, grant, context) =>
      call({ operation: "CreateToken", context, grant: grant.kind }, async (sdk, sso) => {
        let out: OidcSdk.CreateTokenResponse;
        try {
          out = await sso.send(new sdk.CreateTokenCommand(tokenRequest(client, grant)));
        } catch (error) {
          // Checked before the common mapping, which takes SlowDownException for throttling.
          const polling = pollingOutcome(grant, error);
          if (polling !== undefined) return polling;
          throw error;
        }
        return { status: "issued", tokens: tokens(out, grant, now()) };
      }),
  };
}

function tokenRequest(
  client: ClientRegistration,
  grant: TokenGrant,
): OidcSdk.CreateTokenCommandInput {
  const common = { clientId: client.clientId, clientSecret: client.clientSecret };
  switch (grant.kind) {
    case "device_code":
      return { ...common, grantType: deviceGrantType, deviceCode: grant.deviceCode };
    case "authorization_code":
      return {
        ...common,
        grantType: "authorization_code",
        code: grant.code,
        redirectUri: grant.redirectUri,
        codeVerifier: grant.codeVerifier,
      };
    case "refresh_token":
      return { ...common, grantType: "refresh_token", refreshToken: grant.refreshToken };
  }
}

/** RFC 8628 §3.5: only a device grant waits for the user; other grants fail outright. */
function pollingOutcome(grant: TokenGrant, error: unknown): TokenOutcome | undefined {
  if (grant.kind !== "device_code") return undefined;
  const code = awsErrorFacts(error)?.code;
  if (code === "AuthorizationPendingException") return { status: "pending" };
  if (code === "SlowDownException") return { status: "slow-down" };
  return undefined;
}

function tokens(out: OidcSdk.CreateTokenResponse, grant: TokenGrant, issuedAt: Date): SsoTokens {
  if (out.accessToken === undefined || out.expiresIn === undefined) {
    throw unexpectedAwsAnswer("CreateToken", service);
  }
  return {
    accessToken: out.accessToken,
    expiresAt: new Date(issuedAt.getTime() + out.expiresIn * 1000),
    // OAuth 2.0 (RFC 6749 §6): without a new refresh token the one just used stays valid.
    refreshToken:
      out.refreshToken ?? (grant.kind === "refresh_token" ? grant.refreshToken : undefined),
  };
}

/**
 * The `/authorize` URL of the service the adapter calls: the endpoint the environment points
 * SSO-OIDC at (`AWS_ENDPOINT_URL_SSO_OIDC`, `AWS_ENDPOINT_URL`), else the regional endpoint of
 * the partition (the AWS CLI derives it from the resolved OIDC endpoint the same way).
 */
function authorizeUrl(options: ClientFactoryOptions, context: SsoCallContext): string {
  const region = callRegion(options.env, context);
  const base =
    serviceEndpoint(options.env, "sso-oidc") ??
    `https://oidc.${region}.${region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`;
  return `${base.replace(/\/+$/, "")}/authorize`;
}

function registration(
  out: OidcSdk.RegisterClientResponse,
  input: RegisterClientInput,
  fallbackAuthorize: string,
): ClientRegistration {
  if (
    out.clientId === undefined ||
    out.clientSecret === undefined ||
    out.clientSecretExpiresAt === undefined
  ) {
    throw unexpectedAwsAnswer("RegisterClient", service);
  }
  return {
    clientId: out.clientId,
    clientSecret: out.clientSecret,
    // Epoch seconds, unlike the portal's milliseconds.
    expiresAt: new Date(out.clientSecretExpiresAt * 1000),
    grantTypes: input.grantTypes ?? [],
    scopes: input.scopes ?? [],
    authorizationEndpoint: out.authorizationEndpoint ?? fallbackAuthorize,
  };
}

function deviceAuthorization(out: OidcSdk.StartDeviceAuthorizationResponse): DeviceAuthorization {
  if (
    out.deviceCode === undefined ||
    out.userCode === undefined ||
    out.verificationUri === undefined ||
    out.expiresIn === undefined
  ) {
    throw unexpectedAwsAnswer("StartDeviceAuthorization", service);
  }
  return {
    deviceCode: out.deviceCode,
    userCode: out.userCode,
    verificationUri: out.verificationUri,
    verificationUriComplete: out.verificationUriComplete,
    expiresInSeconds: out.expiresIn,
    intervalSeconds: out.interval ?? defaultIntervalSeconds,
  };
}
