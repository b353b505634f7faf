import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control } from "../../emulator/test-support/emulator-fixture.js";
import { errorText, hintOf, rejectionOf } from "../../test/support/error-text.js";
import { AuthError, ConfigError, ExitCode } from "../errors.js";
import { AwsUnavailableError } from "../ports/aws/aws-errors.js";
import type { ClientRegistration, SsoOidcPort, TokenOutcome } from "../ports/aws/sso-oidc.js";
import { createSsoAdapter } from "./sso-adapter.js";
import { createSsoOidcAdapter } from "./sso-oidc-adapter.js";

const fixedNow = new Date("2030-01-02T03:04:05.000Z");
const eightHours = 8 * 3600 * 1000;
let emulator: RunningEmulator;
let oidc: SsoOidcPort;
let env: { AWS_ENDPOINT_URL: string };

beforeAll(async () => {
  emulator = await start({ port: 0 });
  env = { AWS_ENDPOINT_URL: emulator.url };
  oidc = createSsoOidcAdapter({ env, now: () => fixedNow });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await control(emulator, "DELETE", "faults");
  await control(emulator, "DELETE", "stats");
});

const startUrl = () => emulator.seed.sso?.startUrl ?? "";
const context = () => ({ region: "us-east-1", startUrl: startUrl(), profile: "dev" });
const registerDeviceClient = () => oidc.registerClient({ clientName: "awsafe-test" }, context());

async function registerPkceClient(): Promise<ClientRegistration> {
  return oidc.registerClient(
    {
      clientName: "awsafe-test-pkce",
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      issuerUrl: startUrl(),
    },
    context(),
  );
}

/** Opens the emulator's /authorize as the browser would and reads `code` off the redirect. */
async function authorize(client: ClientRegistration, challenge: string, redirectUri: string) {
  const url = new URL("/authorize", emulator.url);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: redirectUri,
    state: "state-1234",
    code_challenge_method: "S256",
    scopes: "sso:account:access",
    code_challenge: challenge,
  }).toString();
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location") ?? "");
  expect(back.searchParams.get("state")).toBe("state-1234");
  return back.searchParams.get("code") ?? "";
}

function pkcePair(): { verifier: string; challenge: string } {
  // 64 characters of [A-Za-z0-9-_], as the AWS CLI makes them (SPECS §c.3).
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function issued(outcome: TokenOutcome) {
  if (outcome.status !== "issued") throw new Error(`expected tokens, got ${outcome.status}`);
  return outcome.tokens;
}

describe("the SSO-OIDC adapter against the emulator", () => {
  it("device flow: registers, starts, is pending until approved, then issues tokens the portal takes", async () => {
    const client = await registerDeviceClient();
    expect(client.expiresAt.getTime()).toBeGreaterThan(Date.now() + 89 * 24 * 3600 * 1000);
    const device = await oidc.startDeviceAuthorization(client, startUrl(), context());
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.intervalSeconds).toBe(1);
    expect(device.expiresInSeconds).toBe(600);
    const grant = { kind: "device_code", deviceCode: device.deviceCode } as const;

    expect(await oidc.createToken(client, grant, context())).toEqual({ status: "pending" });
    const page = await fetch(device.verificationUriComplete ?? "");
    expect(page.status).toBe(200);
    const tokens = issued(await oidc.createToken(client, grant, context()));

    expect(tokens.expiresAt).toEqual(new Date(fixedNow.getTime() + eightHours));
    expect(tokens.refreshToken).toMatch(/^aor/);
    const sso = createSsoAdapter({ env });
    expect(await sso.listAccounts(tokens.accessToken, context())).toHaveLength(3);
  });

  it("answers slow-down for a device grant the service asks to poll less often, without retrying", async () => {
    const client = await registerDeviceClient();
    const device = await oidc.startDeviceAuthorization(client, startUrl(), context());
    await control(emulator, "POST", "faults", {
      operation: "sso-oidc:CreateToken",
      kind: "throttle",
    });
    await control(emulator, "DELETE", "stats");
    const outcome = await oidc.createToken(
      client,
      { kind: "device_code", deviceCode: device.deviceCode },
      context(),
    );
    expect(outcome).toEqual({ status: "slow-down" });
    expect(await callCount("sso-oidc:CreateToken")).toBe(1);
  });

  it("authorization code with PKCE: a wrong verifier is refused, the right one gets tokens", async () => {
    const client = await registerPkceClient();
    const { verifier, challenge } = pkcePair();
    const redirectUri = "http://127.0.0.1:54321/oauth/callback";
    const code = await authorize(client, challenge, redirectUri);

    const wrong = await rejectionOf(
      oidc.createToken(
        client,
        { kind: "authorization_code", code, redirectUri, codeVerifier: pkcePair().verifier },
        context(),
      ),
    );
    expect(wrong).toBeInstanceOf(AuthError);
    expect(String(wrong)).toContain("PKCE verifier");
    for (const secret of [code, client.clientSecret, verifier]) {
      expect(errorText(wrong)).not.toContain(secret);
    }

    const tokens = issued(
      await oidc.createToken(
        client,
        { kind: "authorization_code", code, redirectUri, codeVerifier: verifier },
        context(),
      ),
    );
    expect(tokens.expiresAt).toEqual(new Date(fixedNow.getTime() + eightHours));
    expect(tokens.refreshToken).toBeDefined();
  });

  it("refresh grant: renews with a rotated refresh token; the spent one is refused with a login hint", async () => {
    const client = await registerDeviceClient();
    const first = await deviceTokens(client);
    const spent = first.refreshToken ?? "";
    const renewed = issued(
      await oidc.createToken(client, { kind: "refresh_token", refreshToken: spent }, context()),
    );
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.refreshToken).toBeDefined();
    expect(renewed.refreshToken).not.toBe(spent);

    const error = await rejectionOf(
      oidc.createToken(client, { kind: "refresh_token", refreshToken: spent }, context()),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain("can no longer be renewed");
    expect(hintOf(error)).toContain("awsafe sso login");
    expect(errorText(error)).not.toContain(spent);
    expect(errorText(error)).not.toContain(client.clientSecret);
  });

  it("reports a device code that expired before approval as an AuthError with a hint", async () => {
    const client = await registerDeviceClient();
    const device = await oidc.startDeviceAuthorization(client, startUrl(), context());
    await control(emulator, "POST", "clock", { advanceSeconds: 601 });
    try {
      const error = await rejectionOf(
        oidc.createToken(client, { kind: "device_code", deviceCode: device.deviceCode }, context()),
      );
      expect(error).toBeInstanceOf(AuthError);
      expect(String(error)).toContain("the sign-in request expired");
      expect(hintOf(error)).toContain("awsafe sso login");
      expect(errorText(error)).not.toContain(device.deviceCode);
    } finally {
      await control(emulator, "POST", "clock", { advanceSeconds: -601 });
    }
  });

  it("tells to sign in again when the client registration is not accepted", async () => {
    const client = await registerDeviceClient();
    const forged = { ...client, clientSecret: "not-the-secret-FAKE" };
    const error = await rejectionOf(oidc.startDeviceAuthorization(forged, startUrl(), context()));
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain("client registration");
    expect(hintOf(error)).toContain("awsafe sso login");
    expect(errorText(error)).not.toContain(client.clientSecret);
  });

  it("maps an unknown start URL to a ConfigError", async () => {
    const client = await registerDeviceClient();
    const error = await rejectionOf(
      oidc.startDeviceAuthorization(client, "https://d-0000000000.awsapps.com/start", context()),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(hintOf(error)).toContain("sso_start_url");
  });

  it("reports a throttled registration as unavailable (exit 69); the SDK does not retry SlowDownException", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sso-oidc:RegisterClient",
      kind: "throttle",
      always: true,
    });
    const quick = createSsoOidcAdapter({ env, maxAttempts: 2 });
    const error = await rejectionOf(quick.registerClient({ clientName: "x" }, context()));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error).toMatchObject({ exitCode: ExitCode.Unavailable });
    expect(await callCount("sso-oidc:RegisterClient")).toBe(1);
  });

  it("treats a failing token endpoint as unavailable after the retries, not as a polling answer", async () => {
    const client = await registerDeviceClient();
    const device = await oidc.startDeviceAuthorization(client, startUrl(), context());
    await control(emulator, "POST", "faults", {
      operation: "sso-oidc:CreateToken",
      kind: "error",
      always: true,
    });
    const quick = createSsoOidcAdapter({ env, maxAttempts: 2 });
    const error = await rejectionOf(
      quick.createToken(client, { kind: "device_code", deviceCode: device.deviceCode }, context()),
    );
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error).toMatchObject({ exitCode: ExitCode.Unavailable });
    expect(errorText(error)).not.toContain(device.deviceCode);
    expect(await callCount("sso-oidc:CreateToken")).toBe(2);
  });

  it("treats SlowDownException on a refresh as throttling (unavailable), not as a polling answer", async () => {
    const client = await registerDeviceClient();
    const tokens = await deviceTokens(client);
    await control(emulator, "POST", "faults", {
      operation: "sso-oidc:CreateToken",
      kind: "throttle",
      always: true,
    });
    const quick = createSsoOidcAdapter({ env, maxAttempts: 2 });
    const error = await rejectionOf(
      quick.createToken(
        client,
        { kind: "refresh_token", refreshToken: tokens.refreshToken ?? "" },
        context(),
      ),
    );
    expect(error).toBeInstanceOf(AwsUnavailableError);
  });
});

async function deviceTokens(client: ClientRegistration) {
  const device = await oidc.startDeviceAuthorization(client, startUrl(), context());
  await fetch(device.verificationUriComplete ?? "");
  return issued(
    await oidc.createToken(
      client,
      { kind: "device_code", deviceCode: device.deviceCode },
      context(),
    ),
  );
}

async function callCount(operation: string): Promise<number | undefined> {
  const stats = (await control(emulator, "GET", "stats")) as {
    operations: Record<string, number>;
  };
  return stats.operations[operation];
}
