import { createHash } from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSeed } from "../../emulator/seed/default-seed.js";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control } from "../../emulator/test-support/emulator-fixture.js";
import { repoRoot } from "../support/conformance.js";
import {
  boto3CallerArgs,
  fromIniCallerArgs,
  noteSkippedClients,
  sdkEnv,
  withBoto3,
} from "../support/real-clients.js";
import {
  expectNoSecretIn,
  issuedSessionSecrets,
  jsonFields,
  makeWorld,
  type AwsafeWorld,
} from "./awsafe-world.js";

// IAM Identity Center end to end: the built test CLI signs in against the emulator's SSO-OIDC
// (a stand-in browser follows the redirect with HTTP), keeps the tokens in the encrypted store,
// and hands SSO role credentials to the AWS CLI v2 (/usr/bin/aws), boto3 and the SDK for JS.
noteSkippedClients("test/engine/sso.test.ts");
const awsCli = "/usr/bin/aws";
const withAwsCliV2 = existsSync(awsCli) || process.env["CI"] !== undefined;
if (!withAwsCliV2)
  console.warn("test/engine/sso.test.ts: AWS CLI v2 tests skipped — /usr/bin/aws is missing");

const browser = path.join(repoRoot, "test/engine/fixtures/follow-browser.mjs");
const startUrl = "https://d-1234567890.awsapps.com/start";
/** An organisation's own sign-in domain instead of `*.awsapps.com`. */
const vanityStartUrl = "https://sign-in.example.org/start";
const ssoAdminArn =
  /^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\/developer$/;
const deployArn = /^arn:aws:sts::111111111111:assumed-role\/DeployRole\//;

let emulator: RunningEmulator;
const homes: string[] = [];
beforeAll(async () => {
  const seed = defaultSeed();
  emulator = await start({
    port: 0,
    seed: {
      ...seed,
      roles: [
        ...seed.roles,
        {
          accountId: "111111111111",
          roleName: "DeployRole",
          trustPolicy: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111111111111:root" },
                Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
              },
            ],
          },
          inlinePolicies: {},
          managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
          maxSessionDuration: 3600,
        },
      ],
    },
  });
});
afterAll(async () => {
  await emulator.stop();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

interface SsoWorld extends AwsafeWorld {
  readonly browserLog: string;
  readonly clockFile: string;
  browserStarts(): number;
  advance(seconds: number): Promise<void>;
}

/** A HOME with `[sso-session corp]` and SSO profiles, and a stand-in browser in $BROWSER. */
function ssoWorld(): SsoWorld {
  const world = makeWorld(emulator, "file");
  homes.push(world.home);
  const dir = mkdtempSync(path.join(tmpdir(), "awsafe-sso-"));
  homes.push(dir);
  const browserLog = path.join(dir, "browser.log");
  const clockFile = path.join(dir, "clock-offset");
  writeFileSync(clockFile, "0");
  appendFileSync(
    path.join(world.home, ".aws/config"),
    [
      "[sso-session corp]",
      `sso_start_url = ${startUrl}`,
      "sso_region = us-east-1",
      "sso_registration_scopes = sso:account:access",
      "[profile dev]",
      "sso_session = corp",
      "sso_account_id = 111111111111",
      "sso_role_name = AdministratorAccess",
      "region = us-east-1",
      "[profile dev-ro]",
      "sso_session = corp",
      "sso_account_id = 111111111111",
      "sso_role_name = ReadOnlyAccess",
      "[profile legacy]",
      `sso_start_url = ${startUrl}`,
      "sso_region = us-east-1",
      "sso_account_id = 222222222222",
      "sso_role_name = ReadOnlyAccess",
      "[profile half]",
      "sso_session = corp",
      "sso_account_id = 111111111111",
      "[sso-session vanity]",
      `sso_start_url = ${vanityStartUrl}`,
      "sso_region = us-east-1",
      "[profile vanity]",
      "sso_session = vanity",
      "sso_account_id = 111111111111",
      "sso_role_name = ReadOnlyAccess",
      "[profile nowhere]",
      "sso_session = missing",
      "sso_account_id = 111111111111",
      "sso_role_name = ReadOnlyAccess",
      "",
    ].join("\n"),
  );
  Object.assign(world.env, {
    BROWSER: `${process.execPath} ${browser}`,
    BROWSER_LOG: browserLog,
    AWSAFE_TEST_CLOCK_OFFSET_FILE: clockFile,
  });
  let offset = 0;
  return Object.assign(world, {
    browserLog,
    clockFile,
    browserStarts: () =>
      existsSync(browserLog)
        ? readFileSync(browserLog, "utf8").split("\n").filter(Boolean).length
        : 0,
    advance: async (seconds: number) => {
      offset += seconds;
      writeFileSync(clockFile, String(offset));
      await control(emulator, "POST", "clock", { advanceSeconds: seconds });
    },
  });
}

async function ops(): Promise<Record<string, number>> {
  const stats = (await control(emulator, "GET", "stats")) as { operations: Record<string, number> };
  return stats.operations;
}

/** Every SSO secret the emulator issued: access and refresh tokens, client secrets. */
function ssoSecrets(): string[] {
  const runtime = emulator.state.ssoRuntime;
  return [
    ...[...runtime.accessTokens.values()].flatMap((t) => [t.accessToken, t.refreshToken]),
    ...[...runtime.clients.values()].map((c) => c.clientSecret),
  ];
}

describe("awsafe sso login and SSO role credentials for every AWS tool", () => {
  let world: SsoWorld;
  beforeAll(() => {
    world = ssoWorld();
  });
  afterAll(async () => {
    await world.stopAgent();
  });

  it("sso login signs in with PKCE through the loopback listener; the token goes to the store", async () => {
    await control(emulator, "DELETE", "stats");
    const login = await world.awsafe(["sso", "login", "--sso-session", "corp"]);
    expect(login.stderr).toContain("Signed in to https://d-1234567890.awsapps.com/start");
    expect(login.status).toBe(0);
    expect(world.browserStarts()).toBe(1);
    expect(await ops()).toMatchObject({
      "sso-oidc:RegisterClient": 1,
      "sso-oidc:Authorize": 1,
      "sso-oidc:CreateToken": 1,
    });
    expect(existsSync(path.join(world.home, ".aws/sso"))).toBe(false);
    const again = await world.awsafe(["sso", "login", "--sso-session", "corp"]);
    expect(again.stderr).toContain("Still signed in");
    expect(world.browserStarts()).toBe(1);
  });

  it("credential-process gives the SSO role's credentials; sso configure routes a profile for the AWS tools", async () => {
    const result = await world.awsafeCredentials(["credential-process", "dev"]);
    expect(result.stderr).toBe("");
    expect(jsonFields(result.stdout)).toMatchObject({ Version: "1", AccountId: "111111111111" });
    const configured = await world.awsafe([
      "sso",
      "configure",
      "--sso-session",
      "corp",
      "--start-url",
      startUrl,
      "--region",
      "us-east-1",
      "--profile",
      "sso-admin",
      "--account-id",
      "111111111111",
      "--role-name",
      "AdministratorAccess",
      "--profile-region",
      "us-east-1",
    ]);
    expect(configured.status).toBe(0);
    const role = await world.awsafe([
      "configure",
      "deploy",
      "--role-arn",
      "arn:aws:iam::111111111111:role/DeployRole",
      "--source-profile",
      "sso-admin",
      "--region",
      "us-east-1",
      "--credential-process",
    ]);
    expect(role.status).toBe(0);
    const config = readFileSync(path.join(world.home, ".aws/config"), "utf8");
    expect(config).toContain("awsafe_sso_session = corp");
    expect(config).toContain("awsafe_source_profile = sso-admin");
  });

  it.runIf(withAwsCliV2)(
    "aws --profile <sso profile> sts get-caller-identity is the SSO role, and a role chained on it",
    async () => {
      for (const [profile, arn] of [
        ["sso-admin", ssoAdminArn],
        ["deploy", deployArn],
      ] as const) {
        const result = await world.run(awsCli, [
          "--profile",
          profile,
          "sts",
          "get-caller-identity",
          "--endpoint-url",
          emulator.url,
          "--output",
          "json",
        ]);
        expect(result.stderr).toBe("");
        expect(jsonFields(result.stdout).Arn).toMatch(arn);
      }
    },
  );

  it.runIf(withBoto3)("boto3 through credential_process is the SSO role", async () => {
    const result = await world.run("python3", boto3CallerArgs(emulator.url, "sso-admin"));
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toMatch(ssoAdminArn);
  });

  it("the SDK for JavaScript's fromIni is the SSO role, and the chained role", async () => {
    for (const [profile, arn] of [
      ["sso-admin", ssoAdminArn],
      ["deploy", deployArn],
    ] as const) {
      const result = await world.run(process.execPath, fromIniCallerArgs(emulator.url, profile), {
        ...sdkEnv,
        NODE_PATH: "",
      });
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toMatch(arn);
    }
  });

  it("a token near expiry is refreshed without a browser, once", async () => {
    await control(emulator, "DELETE", "stats");
    await world.advance(8 * 3600 - 10 * 60);
    const result = await world.awsafeCredentials(["credential-process", "dev-ro", "--no-agent"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(world.browserStarts()).toBe(1);
    expect((await ops())["sso-oidc:CreateToken"]).toBe(1);
  });

  it("a revoked refresh token, once the token expired, asks for sso login (exit 77)", async () => {
    await control(emulator, "POST", "sso-revoke", {});
    await world.advance(9 * 3600);
    const result = await world.awsafe(["credential-process", "dev", "--no-agent"], { BROWSER: "" });
    expect(result.status).toBe(77);
    expect(result.stderr).toContain("awsafe sso login --sso-session corp");
    expect(result.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it("the device-code flow: pending, slow_down, then approved", async () => {
    await control(emulator, "DELETE", "stats");
    await control(emulator, "POST", "faults", {
      operation: "sso-oidc:CreateToken",
      kind: "throttle",
      count: 1,
    });
    const login = world.awsafe(
      ["sso", "login", "--sso-session", "corp", "--use-device-code", "--force"],
      {
        BROWSER_MODE: "ignore",
      },
    );
    for (let i = 0; i < 100 && ((await ops())["sso-oidc:CreateToken"] ?? 0) < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const authorization of emulator.state.ssoRuntime.deviceAuthorizations.values()) {
      authorization.approvedBy = "developer";
    }
    const result = await login;
    expect(result.stderr).toMatch(
      /Open http:\/\/127\.0\.0\.1:\d+\/device and enter the code [A-Z]{4}-[A-Z]{4}/,
    );
    expect(result.stderr).toContain("Signed in");
    expect(result.status).toBe(0);
    // slow_down, pending (at least once), then the token.
    expect((await ops())["sso-oidc:CreateToken"]).toBeGreaterThanOrEqual(3);
  });

  it("the device-code flow: a code that expires before approval fails with 77", async () => {
    const login = world.awsafe(
      ["sso", "login", "--sso-session", "corp", "--use-device-code", "--force"],
      {
        BROWSER_MODE: "ignore",
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await control(emulator, "POST", "clock", { advanceSeconds: 700 });
    const result = await login;
    expect(result.stderr).toContain("expired before it was approved");
    expect(result.status).toBe(77);
  });

  it("bad input: one line and a hint, with the sysexits code", async () => {
    const cases: [string[], number, string][] = [
      [
        ["credential-process", "nowhere", "--no-agent"],
        78,
        'sso_session "missing", which is not defined',
      ],
      [["credential-process", "half", "--no-agent"], 78, "has sso_account_id but no sso_role_name"],
      [["sso", "login", "--sso-session", "nope"], 78, "There is no [sso-session nope]"],
      [["sso", "populate"], 64, "needs --sso-session"],
      [
        ["sso", "populate", "--sso-session", "corp", "--template", "{bogus}"],
        64,
        "unknown placeholder",
      ],
    ];
    for (const [args, status, text] of cases) {
      const result = await world.awsafe(args);
      expect(result.stderr, args.join(" ")).toContain(text);
      expect(result.stderr).toContain("hint:");
      expect(result.status, args.join(" ")).toBe(status);
    }
    const wrongState = await world.awsafe(["sso", "login", "--sso-session", "corp", "--force"], {
      BROWSER_MODE: "wrong-state",
    });
    expect(wrongState.stderr).toContain("state this sign-in did not send");
    expect(wrongState.status).toBe(77);
    await control(emulator, "POST", "sso-login", { mode: "deny" });
    const denied = await world.awsafe(["sso", "login", "--sso-session", "corp", "--force"]);
    await control(emulator, "POST", "sso-login", { mode: "auto" });
    expect(denied.stderr).toContain("refused the sign-in: access_denied");
    expect(denied.status).toBe(77);
    const down = await world.awsafe(["sso", "login", "--sso-session", "corp", "--force"], {
      AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9",
    });
    expect(down.status).toBe(69);
    expect(down.stderr).toContain("cannot reach");
  });

  it("legacy profiles: an expired token says to sign in again (77)", async () => {
    const login = await world.awsafe(["sso", "login", "--profile", "legacy"]);
    expect(login.status).toBe(0);
    const ok = await world.awsafeCredentials(["credential-process", "legacy", "--no-agent"]);
    expect(ok.status).toBe(0);
    await world.advance(9 * 3600);
    const expired = await world.awsafe(["credential-process", "legacy", "--no-agent"]);
    expect(expired.stderr).toContain("cannot renew it");
    expect(expired.stderr).toContain("awsafe sso login --profile legacy");
    expect(expired.status).toBe(77);
  });

  it("sso logout ends the portal session and deletes the token and its role sessions", async () => {
    const login = await world.awsafe(["sso", "login", "--sso-session", "corp", "--force"]);
    expect(login.status).toBe(0);
    expect((await world.awsafeCredentials(["credential-process", "dev"])).status).toBe(0);
    await control(emulator, "DELETE", "stats");
    const logout = await world.awsafe(["sso", "logout", "--sso-session", "corp"]);
    expect(logout.stderr).toContain("Signed out");
    expect(logout.status).toBe(0);
    expect((await ops())["sso:Logout"]).toBe(1);
    const after = await world.awsafe(["credential-process", "dev"], { BROWSER: "" });
    expect(after.stderr).toContain("awsafe sso login --sso-session corp");
    expect(after.status).toBe(77);
  });

  it("leaves no access token, refresh token, client secret or role secret in any file or output", () => {
    const secrets = [...ssoSecrets(), ...issuedSessionSecrets(emulator)];
    expect(secrets.length).toBeGreaterThan(6);
    expectNoSecretIn(world, secrets);
  });
});

describe("one sign-in for 20 parallel callers", () => {
  it.each([
    ["through the agent", []],
    ["--no-agent", ["--no-agent"]],
  ] as const)(
    "%s: 1 sign-in, 1 CreateToken, 1 GetRoleCredentials per role",
    async (_mode, flags) => {
      const world = ssoWorld();
      await control(emulator, "DELETE", "stats");
      const runs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          world.awsafeCredentials(["credential-process", i % 2 === 0 ? "dev" : "dev-ro", ...flags]),
        ),
      );
      await world.stopAgent();
      for (const run of runs) expect(run.status).toBe(0);
      // One caller ran the sign-in (and said so); the others waited for it, silent.
      const talking = runs.filter((run) => run.stderr !== "");
      expect(talking).toHaveLength(1);
      expect(talking[0]?.stderr).toContain("Signing in to https://d-1234567890.awsapps.com/start");
      expect(world.browserStarts()).toBe(1);
      const counts = await ops();
      expect(counts).toMatchObject({
        "sso-oidc:Authorize": 1,
        "sso-oidc:CreateToken": 1,
        "sso:GetRoleCredentials": 2,
      });
      console.log(`sso-parallel-20 ${_mode}: ${JSON.stringify(counts)}`);
    },
  );
});

describe("sso login --export-aws-cli-cache", () => {
  it("writes the AWS CLI's token file, 0600, only when asked", async () => {
    const world = ssoWorld();
    const login = await world.awsafe([
      "sso",
      "login",
      "--sso-session",
      "corp",
      "--export-aws-cli-cache",
    ]);
    expect(login.status).toBe(0);
    const dir = path.join(world.home, ".aws/sso/cache");
    expect(readdirSync(dir)).toEqual([`${sha1("corp")}.json`]);
    const file = path.join(dir, `${sha1("corp")}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")) as object).sort()).toEqual([
      "accessToken",
      "clientId",
      "clientSecret",
      "expiresAt",
      "refreshToken",
      "region",
      "registrationExpiresAt",
      "startUrl",
    ]);
  });
});

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

describe("a vanity start URL", () => {
  let world: SsoWorld;
  beforeAll(() => {
    world = ssoWorld();
  });
  afterAll(async () => {
    await world.stopAgent();
  });

  it("a vanity start URL (not *.awsapps.com) signs in and gives its role's credentials", async () => {
    const login = await world.awsafe(["sso", "login", "--sso-session", "vanity"]);
    expect(login.stderr).toContain(`Signed in to ${vanityStartUrl}`);
    expect(login.status).toBe(0);
    const result = await world.awsafeCredentials(["credential-process", "vanity"]);
    expect(result.stderr).toBe("");
    expect(jsonFields(result.stdout)).toMatchObject({ Version: "1", AccountId: "111111111111" });
  });
});
