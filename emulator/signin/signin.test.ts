import { GetFederationTokenCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import {
  assumeRole,
  fromStsCredentials,
  mfaSession,
  seedUser,
  stsClient,
  type TestCredentials,
  userCredentials,
} from "../test-support/emulator-fixture.js";
import { testSeed } from "../test-support/test-seed.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ port: 0, seed: testSeed() });
});
afterAll(async () => {
  await emulator.stop();
});

function signinTokenUrl(credentials: TestCredentials, sessionDuration?: number): string {
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  const url = new URL(`${emulator.url}/federation`);
  url.searchParams.set("Action", "getSigninToken");
  url.searchParams.set("Session", session);
  if (sessionDuration !== undefined)
    url.searchParams.set("SessionDuration", String(sessionDuration));
  return url.href;
}

describe("sign-in federation", () => {
  it("role credentials → sign-in token → login → console page naming the role session", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    const role = await assumeRole(emulator, session, {
      RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
      RoleSessionName: "console",
    });
    const tokenResponse = await fetch(signinTokenUrl(role));
    expect(tokenResponse.status).toBe(200);
    const { SigninToken } = (await tokenResponse.json()) as { SigninToken: string };
    const login = new URL(`${emulator.url}/federation`);
    login.searchParams.set("Action", "login");
    login.searchParams.set("Issuer", "awsafe");
    login.searchParams.set("Destination", "https://console.aws.amazon.com/");
    login.searchParams.set("SigninToken", SigninToken);
    const redirect = await fetch(login, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const page = await fetch(new URL(redirect.headers.get("location") ?? "", emulator.url));
    const html = await page.text();
    expect(html).toContain("arn:aws:sts::210987654321:assumed-role/AdminRole/console");
    expect(html).toContain("https://console.aws.amazon.com/");
    const again = await fetch(login, { redirect: "manual" });
    expect(again.status).toBe(400);
  });

  it("refuses GetSessionToken credentials (IAM-user sessions need GetFederationToken first)", async () => {
    const out = await stsClient(emulator, userCredentials(seedUser(emulator, "assume-only"))).send(
      new GetSessionTokenCommand({}),
    );
    const response = await fetch(signinTokenUrl(fromStsCredentials(out.Credentials)));
    expect(response.status).toBe(400);
  });

  it("accepts GetFederationToken credentials without SessionDuration, refuses them with it", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
    const out = await stsClient(emulator, userCredentials(seedUser(emulator, "federator"))).send(
      new GetFederationTokenCommand({ Name: "federator", Policy: policy }),
    );
    const creds = fromStsCredentials(out.Credentials);
    expect((await fetch(signinTokenUrl(creds, 3600))).status).toBe(400);
    expect((await fetch(signinTokenUrl(creds))).status).toBe(200);
  });

  it("refuses SessionDuration for a chained role session but not for a direct one", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    const chained = await assumeRole(emulator, session, {
      RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
    });
    expect((await fetch(signinTokenUrl(chained, 3600))).status).toBe(400);
    const direct = await assumeRole(emulator, userCredentials(seedUser(emulator, "federator")), {
      RoleArn: "arn:aws:iam::123456789012:role/PartnerRole",
      ExternalId: "partner-123",
    });
    expect((await fetch(signinTokenUrl(direct, 3600))).status).toBe(200);
  });
});
