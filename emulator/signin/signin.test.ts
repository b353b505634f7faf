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

async function signinToken(credentials: TestCredentials, sessionDuration?: number) {
  const response = await fetch(signinTokenUrl(credentials, sessionDuration));
  expect(response.status).toBe(200);
  const { SigninToken } = (await response.json()) as { SigninToken: string };
  return SigninToken;
}

function loginUrl(token: string): URL {
  const login = new URL(`${emulator.url}/federation`);
  login.searchParams.set("Action", "login");
  login.searchParams.set("Issuer", "awsafe");
  login.searchParams.set("Destination", "https://console.aws.amazon.com/");
  login.searchParams.set("SigninToken", token);
  return login;
}

function cookieOf(response: Response): string {
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function consolePage(cookie: string): Promise<string> {
  return (await fetch(`${emulator.url}/console`, { headers: { cookie } })).text();
}

describe("sign-in federation", () => {
  it("role credentials → sign-in token → login → console page naming the role session", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    const role = await assumeRole(emulator, session, {
      RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
      RoleSessionName: "console",
    });
    const login = loginUrl(await signinToken(role));
    const redirect = await fetch(login, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/console");
    const cookie = cookieOf(redirect);
    const html = await consolePage(cookie);
    expect(html).toContain("arn:aws:sts::210987654321:assumed-role/AdminRole/console");
    expect(html).toContain('<code id="account">210987654321</code>');
    expect(html).toContain('<code id="role">AdminRole</code>');
    expect(html).toMatch(/<code id="expires">\d{4}-\d\d-\d\dT/);
    expect(html).toContain('<code id="session-duration">not requested</code>');
    expect(html).toContain("https://console.aws.amazon.com/");
    const again = await fetch(login, { redirect: "manual" });
    expect(again.status).toBe(400);
    // Without the cookie nobody is signed in: the session is the browser's, not the URL's.
    expect((await fetch(`${emulator.url}/console`)).status).toBe(401);
  });

  it("asks a browser signed in to another account to log out first; logout then chains on to the login", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    const admin = await assumeRole(emulator, session, {
      RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
    });
    const partner = await assumeRole(emulator, userCredentials(seedUser(emulator, "federator")), {
      RoleArn: "arn:aws:iam::123456789012:role/PartnerRole",
      ExternalId: "partner-123",
    });
    const first = await fetch(loginUrl(await signinToken(admin)), { redirect: "manual" });
    const cookie = cookieOf(first);
    const secondLogin = loginUrl(await signinToken(partner));
    const refused = await fetch(secondLogin, { redirect: "manual", headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("You must first log out");
    const logout = new URL(`${emulator.url}/oauth`);
    logout.searchParams.set("Action", "logout");
    logout.searchParams.set("redirect_uri", secondLogin.href);
    const out = await fetch(logout, { redirect: "manual", headers: { cookie } });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    const next = await fetch(out.headers.get("location") ?? "", { redirect: "manual" });
    expect(next.status).toBe(302);
    expect(await consolePage(cookieOf(next))).toContain("assumed-role/PartnerRole");
    expect(await consolePage(cookie)).toContain("Not signed in");
  });

  it("never follows a logout redirect_uri off the emulator", async () => {
    const logout = new URL(`${emulator.url}/oauth`);
    logout.searchParams.set("Action", "logout");
    logout.searchParams.set("redirect_uri", "https://example.com/federation?Action=login");
    const out = await fetch(logout, { redirect: "manual" });
    expect(out.status).toBe(200);
    expect(out.headers.get("location")).toBeNull();
  });

  it("refuses a Session that is not exactly the documented JSON, and long-term keys", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    const role = await assumeRole(emulator, session, {
      RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
    });
    const withExtra = JSON.stringify({
      sessionId: role.accessKeyId,
      sessionKey: role.secretAccessKey,
      sessionToken: role.sessionToken,
      extra: "x",
    });
    const url = new URL(`${emulator.url}/federation`);
    url.searchParams.set("Action", "getSigninToken");
    url.searchParams.set("Session", withExtra);
    expect((await fetch(url)).status).toBe(400);
    const user = userCredentials(seedUser(emulator, "assume-only"));
    const longTerm = await fetch(signinTokenUrl({ ...user, sessionToken: "" }));
    expect(longTerm.status).toBe(400);
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
    const token = await signinToken(direct, 3600);
    expect(emulator.state.signinTokens.get(token)?.sessionDurationSeconds).toBe(3600);
    for (const outOfRange of [899, 43201]) {
      expect((await fetch(signinTokenUrl(direct, outOfRange))).status).toBe(400);
    }
  });
});
