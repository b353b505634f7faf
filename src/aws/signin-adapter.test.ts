import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import {
  control,
  nextTotp,
  seedUser,
  userCredentials,
} from "../../emulator/test-support/emulator-fixture.js";
import { errorText, hintOf, rejectionOf } from "../../test/support/error-text.js";
import { AuthError, ConfigError, ExitCode } from "../errors.js";
import { AwsUnavailableError, SessionDurationRefusedError } from "../ports/aws/aws-errors.js";
import type { TemporaryCredentials } from "../ports/aws/credentials.js";
import type { SigninPort } from "../ports/aws/signin.js";
import type { StsPort } from "../ports/aws/sts.js";
import { createSigninAdapter } from "./signin-adapter.js";
import { createStsAdapter } from "./sts-adapter.js";

const context = { profile: "admin" };
let emulator: RunningEmulator;
let env: { AWS_ENDPOINT_URL: string };
let sts: StsPort;
let signin: SigninPort;
/** AdminRole assumed from an MFA session: a chained role session. */
let chained: TemporaryCredentials;
/** A GetSessionToken session made with MFA. */
let mfaSession: TemporaryCredentials;

const user = () => seedUser(emulator, "assume-only");
const mfa = async () => ({
  serialNumber: user().mfaSerial ?? "",
  tokenCode: await nextTotp(emulator, user().totpSecret),
});

beforeAll(async () => {
  emulator = await start({ port: 0 });
  env = { AWS_ENDPOINT_URL: emulator.url };
  sts = createStsAdapter({ env });
  signin = createSigninAdapter({ env });
  mfaSession = await sts.getSessionToken(userCredentials(user()), { mfa: await mfa() }, context);
  chained = await sts.assumeRole(
    mfaSession,
    { roleArn: "arn:aws:iam::210987654321:role/AdminRole", roleSessionName: "console" },
    context,
  );
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await control(emulator, "DELETE", "faults");
  await control(emulator, "DELETE", "stats");
});

const secretsOf = (c: TemporaryCredentials) => [
  c.secretAccessKey,
  c.sessionToken,
  encodeURIComponent(c.sessionToken),
  `"sessionKey":"${c.secretAccessKey}"`,
];

describe("the sign-in adapter against the emulator", () => {
  it("gets a sign-in token for a role session, issued to that session's principal", async () => {
    const token = await signin.getSigninToken(chained, {}, context);
    expect(emulator.state.signinTokens.get(token)?.principalArn).toBe(
      "arn:aws:sts::210987654321:assumed-role/AdminRole/console",
    );
  });

  it("sends SessionDuration for a role session assumed with the access key and MFA", async () => {
    const direct = await sts.assumeRole(
      userCredentials(user()),
      {
        roleArn: "arn:aws:iam::210987654321:role/ReadOnlyRole",
        roleSessionName: "console",
        mfa: await mfa(),
      },
      context,
    );
    const token = await signin.getSigninToken(direct, { sessionDurationSeconds: 43200 }, context);
    expect(token).not.toBe("");
  });

  it("refuses a GetSessionToken session as an AuthError that names the kinds that work", async () => {
    const error = await rejectionOf(signin.getSigninToken(mfaSession, {}, context));
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain("these credentials cannot sign in to the console");
    expect(hintOf(error)).toContain("GetSessionToken sessions");
    for (const secret of secretsOf(mfaSession)) expect(errorText(error)).not.toContain(secret);
  });

  it("refuses SessionDuration on a chained role session as a ConfigError", async () => {
    const error = await rejectionOf(
      signin.getSigninToken(chained, { sessionDurationSeconds: 3600 }, context),
    );
    expect(error).toBeInstanceOf(SessionDurationRefusedError);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ sessionDurationSeconds: 3600, exitCode: ExitCode.Config });
    expect(String(error)).toContain("refused the console session duration of 3600 s");
    for (const secret of secretsOf(chained)) expect(errorText(error)).not.toContain(secret);
  });

  it("retries a 5xx and then succeeds", async () => {
    await control(emulator, "POST", "faults", {
      operation: "signin:getSigninToken",
      kind: "error",
    });
    expect(await signin.getSigninToken(chained, {}, context)).not.toBe("");
    expect(await callCount()).toBe(2);
  });

  it("gives up on throttling with an unavailable error (exit 69) after the retries", async () => {
    await control(emulator, "POST", "faults", {
      operation: "signin:getSigninToken",
      kind: "throttle",
      always: true,
    });
    const quick = createSigninAdapter({ env, maxAttempts: 2 });
    const error = await rejectionOf(quick.getSigninToken(chained, {}, context));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error).toMatchObject({ exitCode: ExitCode.Unavailable });
    expect(String(error)).toContain("HTTP 429");
    expect(await callCount()).toBe(2);
    for (const secret of secretsOf(chained)) expect(errorText(error)).not.toContain(secret);
  });

  it("does not repeat an attempt that timed out", async () => {
    await control(emulator, "POST", "faults", {
      operation: "signin:getSigninToken",
      kind: "latency",
      latencyMs: 300,
    });
    const impatient = createSigninAdapter({ env, timeoutMs: 50 });
    const error = await rejectionOf(impatient.getSigninToken(chained, {}, context));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(String(error)).toContain("no answer in time");
    expect(await callCount()).toBe(1);
  });

  it("reports an endpoint nobody listens on as unavailable, without the Session", async () => {
    const nowhere = createSigninAdapter({
      env: { AWS_ENDPOINT_URL_SIGNIN: "http://127.0.0.1:9" },
      maxAttempts: 1,
    });
    const error = await rejectionOf(nowhere.getSigninToken(chained, {}, context));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(String(error)).toContain("cannot reach 127.0.0.1:9");
    expect(hintOf(error)).toContain("AWS_ENDPOINT_URL_SIGNIN");
    expect(error instanceof Error ? error.cause : undefined).toBeInstanceOf(Error);
    for (const secret of secretsOf(chained)) expect(errorText(error)).not.toContain(secret);
  });
});

describe("the sign-in request", () => {
  const credentials: TemporaryCredentials = {
    accessKeyId: "ASIAEXAMPLE000000000",
    secretAccessKey: "secret/key+FAKE",
    sessionToken: "token+with/slashes=FAKE",
    expiration: new Date("2030-01-01T00:00:00Z"),
  };

  function recording(answer: () => Response) {
    const urls: URL[] = [];
    const fetchStub: typeof fetch = (input) => {
      urls.push(urlOf(input));
      return Promise.resolve(answer());
    };
    return { urls, fetchStub };
  }

  it.each([
    [undefined, "signin.aws.amazon.com"],
    ["eu-west-1", "eu-west-1.signin.aws.amazon.com"],
    ["cn-northwest-1", "cn-northwest-1.signin.amazonaws.cn"],
  ])(
    "goes to the partition's host for region %j, with the Session JSON AWS documents",
    async (region, host) => {
      const { urls, fetchStub } = recording(() => Response.json({ SigninToken: "tok-FAKE" }));
      const adapter = createSigninAdapter({ env: {}, fetch: fetchStub });
      expect(await adapter.getSigninToken(credentials, {}, { region })).toBe("tok-FAKE");
      const url = urls[0];
      expect(url?.origin).toBe(`https://${host}`);
      expect(url?.pathname).toBe("/federation");
      expect(url?.searchParams.get("Action")).toBe("getSigninToken");
      expect(url?.searchParams.get("Session")).toBe(
        '{"sessionId":"ASIAEXAMPLE000000000","sessionKey":"secret/key+FAKE","sessionToken":"token+with/slashes=FAKE"}',
      );
      expect(url?.searchParams.has("SessionDuration")).toBe(false);
    },
  );

  it("sends SessionDuration only when asked", async () => {
    const { urls, fetchStub } = recording(() => Response.json({ SigninToken: "tok-FAKE" }));
    const adapter = createSigninAdapter({ env: {}, fetch: fetchStub });
    await adapter.getSigninToken(credentials, { sessionDurationSeconds: 7200 }, {});
    expect(urls[0]?.searchParams.get("SessionDuration")).toBe("7200");
  });

  it("does not keep a cause that quotes the request URL", async () => {
    const fetchStub: typeof fetch = (input) =>
      Promise.reject(new TypeError(`fetch failed for ${urlOf(input).href}`));
    const adapter = createSigninAdapter({ env: {}, fetch: fetchStub, maxAttempts: 1 });
    const error = await rejectionOf(adapter.getSigninToken(credentials, {}, {}));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error instanceof Error ? error.cause : "not an Error").toBeUndefined();
    for (const secret of secretsOf(credentials)) expect(errorText(error)).not.toContain(secret);
  });

  it("reports an answer without a token as unavailable", async () => {
    const { fetchStub } = recording(() => new Response("<html>proxy login</html>"));
    const adapter = createSigninAdapter({ env: {}, fetch: fetchStub });
    const error = await rejectionOf(adapter.getSigninToken(credentials, {}, {}));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(String(error)).toContain("holds no sign-in token");
  });

  it("refuses a region that is not a region name, before anything is sent", async () => {
    const { urls, fetchStub } = recording(() => Response.json({ SigninToken: "tok-FAKE" }));
    const adapter = createSigninAdapter({ env: {}, fetch: fetchStub });
    const error = await rejectionOf(
      adapter.getSigninToken(credentials, {}, { region: "evil.example/x?" }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(urls).toHaveLength(0);
  });

  it("refuses an endpoint override that is not a URL as a ConfigError", async () => {
    const adapter = createSigninAdapter({ env: { AWS_ENDPOINT_URL_SIGNIN: "not a url" } });
    const error = await rejectionOf(adapter.getSigninToken(credentials, {}, {}));
    expect(error).toBeInstanceOf(ConfigError);
  });
});

describe("the login URLs", () => {
  const login = { destination: "https://console.aws.amazon.com/s3/home?a=1&b=2", issuer: "awsafe" };

  it.each([
    [undefined, "https://signin.aws.amazon.com"],
    ["eu-west-1", "https://eu-west-1.signin.aws.amazon.com"],
    ["cn-north-1", "https://signin.amazonaws.cn"],
    ["us-gov-east-1", "https://us-gov-east-1.signin.amazonaws-us-gov.com"],
  ])("go to the token's host for region %j, with every value encoded", (region, origin) => {
    const adapter = createSigninAdapter({ env: {} });
    const url = new URL(adapter.loginUrl("tok+/=FAKE", login, { region }));
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe("/federation");
    expect([...url.searchParams]).toEqual([
      ["Action", "login"],
      ["Issuer", "awsafe"],
      ["Destination", login.destination],
      ["SigninToken", "tok+/=FAKE"],
    ]);
  });

  it("follow AWS_ENDPOINT_URL_SIGNIN (else AWS_ENDPOINT_URL) like the token request", () => {
    const adapter = createSigninAdapter({
      env: {
        AWS_ENDPOINT_URL: "http://127.0.0.1:1",
        AWS_ENDPOINT_URL_SIGNIN: "http://127.0.0.1:2/",
      },
    });
    expect(adapter.loginUrl("t", login, {})).toMatch(/^http:\/\/127\.0\.0\.1:2\/federation\?/);
    const chained = new URL(adapter.logoutThenLoginUrl("t", login, {}) ?? "");
    expect(chained.origin + chained.pathname).toBe("http://127.0.0.1:2/oauth");
    expect(chained.searchParams.get("redirect_uri")).toBe(adapter.loginUrl("t", login, {}));
  });

  it("chain logout and login on us-east-1.signin.aws.amazon.com, the only host AWS follows", () => {
    const adapter = createSigninAdapter({ env: {} });
    const chained = new URL(
      adapter.logoutThenLoginUrl("tok-FAKE", login, { region: "eu-west-1" }) ?? "",
    );
    expect(chained.origin + chained.pathname).toBe("https://us-east-1.signin.aws.amazon.com/oauth");
    expect(chained.searchParams.get("Action")).toBe("logout");
    const next = new URL(chained.searchParams.get("redirect_uri") ?? "");
    expect(next.origin + next.pathname).toBe("https://us-east-1.signin.aws.amazon.com/federation");
    expect(next.searchParams.get("SigninToken")).toBe("tok-FAKE");
    expect(next.searchParams.get("Destination")).toBe(login.destination);
  });

  it.each(["cn-north-1", "us-gov-west-1"])("have no logout chain in %s's partition", (region) => {
    const adapter = createSigninAdapter({ env: {} });
    expect(adapter.logoutThenLoginUrl("tok-FAKE", login, { region })).toBeUndefined();
  });
});

function urlOf(input: string | URL | Request): URL {
  return new URL(input instanceof Request ? input.url : input);
}

async function callCount(): Promise<number | undefined> {
  const stats = (await control(emulator, "GET", "stats")) as {
    operations: Record<string, number>;
  };
  return stats.operations["signin:getSigninToken"];
}
