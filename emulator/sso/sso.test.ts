import { createHash, randomBytes } from "node:crypto";
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
} from "@aws-sdk/client-sso";
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "@aws-sdk/client-sso-oidc";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import { control, stsClient } from "../test-support/emulator-fixture.js";

let emulator: RunningEmulator;
let oidc: SSOOIDCClient;
let portal: SSOClient;
beforeAll(async () => {
  emulator = await start({ port: 0 });
  // SSO-OIDC and the portal are unsigned; the SDK still wants a region.
  oidc = new SSOOIDCClient({ endpoint: emulator.url, region: "us-east-1", maxAttempts: 1 });
  portal = new SSOClient({ endpoint: emulator.url, region: "us-east-1", maxAttempts: 1 });
});
afterAll(async () => {
  await emulator.stop();
});

const startUrl = () => emulator.seed.sso?.startUrl ?? "";

async function deviceFlowToken(): Promise<{
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
}> {
  const client = await oidc.send(
    new RegisterClientCommand({ clientName: "botocore-client-test", clientType: "public" }),
  );
  const clientId = client.clientId ?? "";
  const clientSecret = client.clientSecret ?? "";
  const device = await oidc.send(
    new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: startUrl() }),
  );
  const poll = () =>
    oidc.send(
      new CreateTokenCommand({
        clientId,
        clientSecret,
        grantType: "urn:ietf:params:oauth:grant-type:device_code",
        deviceCode: device.deviceCode ?? "",
      }),
    );
  await expect(poll()).rejects.toMatchObject({ name: "AuthorizationPendingException" });
  const page = await fetch(device.verificationUriComplete ?? "");
  expect(await page.text()).toContain("Request approved");
  const token = await poll();
  expect(token.tokenType).toBe("Bearer");
  await expect(poll()).rejects.toMatchObject({ name: "InvalidGrantException" });
  return {
    accessToken: token.accessToken ?? "",
    refreshToken: token.refreshToken ?? "",
    clientId,
    clientSecret,
  };
}

describe("SSO-OIDC", () => {
  it("device code flow: pending until the verification page approves, then a token once", async () => {
    const token = await deviceFlowToken();
    expect(token.accessToken).not.toBe("");
  });

  it("authorization code flow with PKCE S256 through /authorize", async () => {
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: "botocore-client-pkce",
        clientType: "public",
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: ["http://127.0.0.1/oauth/callback"],
        issuerUrl: startUrl(),
        scopes: ["sso:account:access"],
      }),
    );
    const verifier = randomBytes(48).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const redirectUri = "http://127.0.0.1:54321/oauth/callback";
    const authorize = new URL(`${emulator.url}/authorize`);
    for (const [k, v] of Object.entries({
      response_type: "code",
      client_id: client.clientId ?? "",
      redirect_uri: redirectUri,
      state: "state-123",
      code_challenge_method: "S256",
      scopes: "sso:account:access",
      code_challenge: challenge,
    }))
      authorize.searchParams.set(k, v);
    const response = await fetch(authorize, { redirect: "manual" });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location") ?? "");
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("state-123");
    const code = back.searchParams.get("code") ?? "";
    const base = {
      clientId: client.clientId ?? "",
      clientSecret: client.clientSecret ?? "",
      grantType: "authorization_code",
      redirectUri,
      code,
    };
    await expect(
      oidc.send(new CreateTokenCommand({ ...base, codeVerifier: "wrong-verifier" })),
    ).rejects.toMatchObject({
      name: "InvalidGrantException",
    });
    // A failed verifier does not spend the code; the right one redeems it.
    const token = await oidc.send(new CreateTokenCommand({ ...base, codeVerifier: verifier }));
    expect(token.accessToken).toMatch(/^aoa/);
  });

  it("refresh_token rotates: the new token works, the old refresh token is spent", async () => {
    const first = await deviceFlowToken();
    const refresh = (refreshToken: string) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: first.clientId,
          clientSecret: first.clientSecret,
          grantType: "refresh_token",
          refreshToken,
        }),
      );
    const second = await refresh(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    await expect(refresh(first.refreshToken)).rejects.toMatchObject({
      name: "InvalidGrantException",
    });
  });

  it("refuses a wrong client secret", async () => {
    const client = await oidc.send(
      new RegisterClientCommand({ clientName: "c", clientType: "public" }),
    );
    await expect(
      oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: client.clientId ?? "",
          clientSecret: "wrong",
          startUrl: startUrl(),
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidClientException", $metadata: { httpStatusCode: 401 } });
  });
});

describe("SSO portal", () => {
  it("lists 3 accounts × 2 permission sets and hands out working role credentials", async () => {
    const { accessToken } = await deviceFlowToken();
    const accounts = await portal.send(new ListAccountsCommand({ accessToken }));
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual([
      "111111111111",
      "222222222222",
      "333333333333",
    ]);
    const roles = await portal.send(
      new ListAccountRolesCommand({ accessToken, accountId: "222222222222" }),
    );
    expect(roles.roleList?.map((r) => r.roleName)).toEqual([
      "AdministratorAccess",
      "ReadOnlyAccess",
    ]);
    const before = Date.now() + emulator.state.clock.offsetMs;
    const creds = await portal.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: "222222222222",
        roleName: "ReadOnlyAccess",
      }),
    );
    const rc = creds.roleCredentials;
    expect(rc?.expiration ?? 0).toBeGreaterThan(before + 3500_000);
    const who = await stsClient(emulator, {
      accessKeyId: rc?.accessKeyId ?? "",
      secretAccessKey: rc?.secretAccessKey ?? "",
      sessionToken: rc?.sessionToken ?? "",
    }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(
      /^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}\/developer$/,
    );
  });

  it("pages accounts with next_token", async () => {
    const { accessToken } = await deviceFlowToken();
    const first = await portal.send(new ListAccountsCommand({ accessToken, maxResults: 2 }));
    expect(first.accountList).toHaveLength(2);
    const second = await portal.send(
      new ListAccountsCommand({ accessToken, maxResults: 2, nextToken: first.nextToken }),
    );
    expect(second.accountList?.map((a) => a.accountId)).toEqual(["333333333333"]);
    expect(second.nextToken).toBeUndefined();
  });

  it("refuses a logged-out or unknown token, and unassigned roles", async () => {
    const { accessToken } = await deviceFlowToken();
    await expect(
      portal.send(
        new GetRoleCredentialsCommand({
          accessToken,
          accountId: "111111111111",
          roleName: "NoSuchSet",
        }),
      ),
    ).rejects.toMatchObject({ name: "ForbiddenException" });
    await portal.send(new LogoutCommand({ accessToken }));
    await expect(portal.send(new ListAccountsCommand({ accessToken }))).rejects.toMatchObject({
      name: "UnauthorizedException",
      $metadata: { httpStatusCode: 401 },
    });
  });

  it("throttles with TooManyRequestsException when told to", async () => {
    const { accessToken } = await deviceFlowToken();
    await control(emulator, "POST", "faults", {
      operation: "sso:GetRoleCredentials",
      kind: "throttle",
    });
    await expect(
      portal.send(
        new GetRoleCredentialsCommand({
          accessToken,
          accountId: "111111111111",
          roleName: "AdministratorAccess",
        }),
      ),
    ).rejects.toMatchObject({
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: 429 },
    });
  });
});
