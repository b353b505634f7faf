import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { totpCode } from "../../emulator/mfa/verify-totp.js";
import { control, seedUser } from "../../emulator/test-support/emulator-fixture.js";
import {
  expectNoSecretIn,
  issuedSessionSecrets,
  jsonFields,
  makeWorld,
  type AwsafeWorld,
} from "../engine/awsafe-world.js";
import { repoRoot } from "../support/conformance.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";

// fromAwsafe() as an application uses it: real STSClients of the SDK for JavaScript v3 in a
// child process (test/lib/fixtures/sdk-from-awsafe.mjs) with `credentials: fromAwsafe(...)`,
// the library of the test build (dist-test/index.js), signing requests the emulator checks.
// Each test has a HOME of its own, so each starts from a cold cache and no agent.
const fixture = path.join(repoRoot, "test/lib/fixtures/sdk-from-awsafe.mjs");
const library = path.join(repoRoot, "dist-test/index.js");
const mfaSerial = "arn:aws:iam::123456789012:mfa/assume-only";
const adminIdentity = /^arn:aws:sts::210987654321:assumed-role\/AdminRole\//;

let emulator: RunningEmulator;
const worlds: AwsafeWorld[] = [];
const work = mkdtempSync(path.join(tmpdir(), "awsafe-lib-"));
beforeAll(async () => {
  emulator = await start({ port: 0 });
});
afterAll(async () => {
  for (const world of worlds) {
    await world.stopAgent();
    expectNoSecretIn(world, issuedSessionSecrets(emulator));
    rmSync(world.home, { recursive: true, force: true });
  }
  await emulator.stop();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

/** A fresh HOME whose `base` keys are stored, as `awsafe add` leaves them. */
async function storedKeysWorld(): Promise<AwsafeWorld> {
  const world = makeWorld(emulator, "file");
  worlds.push(world);
  const user = seedUser(emulator, "assume-only");
  const added = await world.awsafe(["add", "base", "--env"], {
    AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
    AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
  });
  expect(added.status).toBe(0);
  await control(emulator, "DELETE", "stats");
  return world;
}

const quiet = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

async function application(
  world: AwsafeWorld,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
): Promise<{ readonly result: Record<string, unknown>; readonly stderr: string }> {
  const run = await world.run(process.execPath, [fixture, library, ...args], {
    ...quiet,
    ...extraEnv,
  });
  expect(run.stderr, run.stderr).toBe("");
  expect(run.status).toBe(0);
  const parsed: unknown = JSON.parse(run.stdout);
  if (typeof parsed !== "object" || parsed === null) throw new Error(run.stdout);
  return { result: Object.fromEntries(Object.entries(parsed)), stderr: run.stderr };
}

async function roleCalls(): Promise<Record<string, number>> {
  const stats = (await control(emulator, "GET", "stats")) as {
    operations: Record<string, number>;
  };
  return {
    "sts:GetSessionToken": stats.operations["sts:GetSessionToken"] ?? 0,
    "sts:AssumeRole": stats.operations["sts:AssumeRole"] ?? 0,
  };
}

describeWithRealThing("fromAwsafe() on a terminal", await missingCommands("script"), () => {
  it("asks for the MFA code on the application's terminal when neither mfaCodeProvider nor mfa_process gives one", async () => {
    const world = await storedKeysWorld();
    // `script` gives the application a pseudo-terminal as its controlling terminal (/dev/tty).
    const line = [process.execPath, fixture, library, "identity", "admin-asks"]
      .map((word) => `'${word}'`)
      .join(" ");
    const child = spawn("script", ["-qfec", line, "/dev/null"], {
      env: { ...world.env, ...quiet, AWSAFE_PROMPT: "terminal", TERM: "dumb" },
    });
    let screen = "";
    const question = `Enter MFA code for ${mfaSerial}: `;
    const asked = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        screen += chunk.toString();
        if (screen.includes(question)) resolve();
      });
    });
    const ended = new Promise<number | null>((resolve) => child.on("close", resolve));
    await Promise.race([asked, ended]);
    expect(screen).toContain(question);
    // A code of a window no test has used yet (AWS refuses a code used twice).
    await control(emulator, "POST", "clock", { advanceSeconds: 30 });
    const user = seedUser(emulator, "assume-only");
    const code = totpCode(user.totpSecret ?? "", emulator.state.clock.nowMs());
    child.stdin.write(`${code}\r`);
    expect(await ended).toBe(0);
    const shown = screen.replaceAll("\r", "");
    expect(shown).not.toContain(code);
    const result = jsonFields(shown.slice(shown.indexOf("{")));
    expect(result.arn).toMatch(adminIdentity);
    expect(world.mfaPrompts()).toBe(0);
  });
});

describe("fromAwsafe() in an application of the SDK for JavaScript v3", () => {
  it("gives a real STSClient the AdminRole identity, through the agent it starts, sharing its cache with the CLI", async () => {
    const world = await storedKeysWorld();
    const { result } = await application(world, ["identity", "admin"]);
    expect(result.arn).toMatch(adminIdentity);
    // No mfaCodeProvider: the profile's mfa_process gave the one code.
    expect(world.mfaPrompts()).toBe(1);
    expect(await roleCalls()).toEqual({ "sts:GetSessionToken": 1, "sts:AssumeRole": 1 });
    // The agent this process started holds the session: the CLI's credential_process (what the
    // AWS CLI and boto3 run) gets the same credentials, with no new prompt or STS call.
    const status = await world.awsafe(["agent", "status"]);
    expect(status.status).toBe(0);
    const cli = await world.awsafeCredentials(["credential-process", "admin"]);
    expect(cli.status).toBe(0);
    expect(jsonFields(cli.stdout).AccessKeyId).toBe(result.accessKeyId);
    // The profile of the client the provider is given to, when fromAwsafe() names none.
    const again = await application(world, ["client-profile", "admin"]);
    expect(again.result.accessKeyId).toBe(result.accessKeyId);
    expect(world.mfaPrompts()).toBe(1);
    expect(await roleCalls()).toEqual({ "sts:GetSessionToken": 1, "sts:AssumeRole": 1 });
  });

  it("calls STS in the region of the client it is given to, when given none itself", async () => {
    const world = await storedKeysWorld();
    const { result } = await application(world, ["client-region", "admin", "eu-central-1"]);
    expect(result.arn).toMatch(adminIdentity);
    // The stored key signed GetSessionToken there (what IAM's GetAccessKeyLastUsed reports),
    // not in the profile's region (us-east-1).
    const key = emulator.state.world.accessKeys.get(
      seedUser(emulator, "assume-only").accessKeyId ?? "",
    );
    expect(key?.lastUsed).toMatchObject({ serviceName: "sts", region: "eu-central-1" });
  });

  it("makes 20 clients in parallel, on a cold cache, cost one MFA code (the caller's mfaCodeProvider) and one session", async () => {
    const world = await storedKeysWorld();
    const { result } = await application(world, ["parallel", "20", "admin"]);
    expect(result.calls).toBe(20);
    expect(result.arns).toEqual([expect.stringMatching(adminIdentity)]);
    expect(result.accessKeyIds).toHaveLength(1);
    expect(result.mfaCalls).toBe(1);
    expect(result.mfaSerials).toEqual([mfaSerial]);
    // The caller's callback comes before the profile's mfa_process, which never ran.
    expect(world.mfaPrompts()).toBe(0);
    expect(await roleCalls()).toEqual({ "sts:GetSessionToken": 1, "sts:AssumeRole": 1 });
  });

  it.each([
    {
      name: "an unknown profile",
      profile: "nope",
      message: /profile "nope"/i,
      exitCode: 78,
    },
    {
      name: "an MFA code needed with no mfaCodeProvider, no mfa_process and no way to ask",
      profile: "admin-asks",
      message:
        /^An MFA code for arn:aws:iam::123456789012:mfa\/assume-only is needed, but AWSAFE_PROMPT=none turns asking off\nhint: Pass mfaCodeProvider to fromAwsafe\(\)/,
      exitCode: 77,
    },
  ])(
    "fails on $name with the SDK's CredentialsProviderError, awsafe's message and hint, tryNextLink false",
    async (variant) => {
      const world = await storedKeysWorld();
      const { result } = await application(world, ["error", variant.profile]);
      expect(result.name).toBe("CredentialsProviderError");
      // The class of the application's own @smithy/property-provider.
      expect(result.sdkClass).toBe(true);
      expect(result.tryNextLink).toBe(false);
      expect(result.message).toMatch(variant.message);
      expect(typeof result.hint).toBe("string");
      expect(result.message).toContain(`\nhint: ${String(result.hint)}`);
      expect(result.exitCode).toBe(variant.exitCode);
    },
  );

  it("works in this process with AWSAFE_AGENT=off: no agent started, the session cached in the store", async () => {
    const world = await storedKeysWorld();
    const off = { AWSAFE_AGENT: "off" };
    const { result } = await application(world, ["identity", "admin"], off);
    expect(result.arn).toMatch(adminIdentity);
    const status = await world.awsafe(["agent", "status"]);
    expect(status.stdout).toBe("awsafe agent: not running\n");
    // A second application reads the session the first cached in the store.
    const again = await application(world, ["identity", "admin"], off);
    expect(again.result.accessKeyId).toBe(result.accessKeyId);
    expect(world.mfaPrompts()).toBe(1);
    expect(await roleCalls()).toEqual({ "sts:GetSessionToken": 1, "sts:AssumeRole": 1 });
    // As the CLI with --no-agent sees it.
    const cli = await world.awsafeCredentials(["credential-process", "admin", "--no-agent"]);
    expect(jsonFields(cli.stdout).AccessKeyId).toBe(result.accessKeyId);
  });
  // Last: it moves the emulator's clock, which no later signature of real time would match.
  it("refreshes a credential near its expiry: the client asks again and signs with new credentials", async () => {
    const world = await storedKeysWorld();
    const offsetFile = path.join(work, "clock-offset");
    writeFileSync(offsetFile, "0");
    const child = spawn(process.execPath, [fixture, library, "loop", "admin"], {
      env: { ...world.env, ...quiet, AWSAFE_TEST_CLOCK_OFFSET_FILE: offsetFile },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const ask = async (command: string): Promise<Record<string, string>> => {
      child.stdin.write(`${command}\n`);
      const next = await lines.next();
      if (next.done === true) throw new Error(`the application ended early: ${stderr}`);
      return jsonFields(next.value);
    };
    try {
      expect((await lines.next()).value).toBe("ready");
      const first = await ask("call");
      expect(first.arn).toMatch(adminIdentity);
      const firstExpiry = Date.parse(first.expiration ?? "");
      const callsBefore = await roleCalls();
      const sessions = emulator.state.world.sessions;
      const sessionsBefore = sessions.size;
      // Served from the client's own cache while the credentials are fresh.
      expect((await ask("call")).accessKeyId).toBe(first.accessKeyId);
      expect(await roleCalls()).toEqual(callsBefore);

      // 3 minutes before they expire, for the emulator, the agent and the application: within
      // the SDK's 5-minute refresh window.
      const advance = Math.round((firstExpiry - emulator.state.clock.nowMs()) / 1000) - 180;
      const clock = (await control(emulator, "POST", "clock", { advanceSeconds: advance })) as {
        offsetSeconds: number;
      };
      writeFileSync(offsetFile, String(clock.offsetSeconds));
      await ask(`shift ${String(clock.offsetSeconds)}`);

      const second = await ask("call");
      expect(second.error).toBeUndefined();
      expect(second.arn).toMatch(adminIdentity);
      expect(second.accessKeyId).not.toBe(first.accessKeyId);
      expect(Date.parse(second.expiration ?? "")).toBeGreaterThan(firstExpiry);
      // One new session, the role assumed again from the cached MFA session, so no new code
      // (the agent's first signature, 57 minutes off the emulator's clock, is refused and
      // retried by the SDK: the emulator's call count has both).
      expect(sessions.size).toBe(sessionsBefore + 1);
      expect(sessions.get(second.accessKeyId ?? "")?.expiration.getTime()).toBeGreaterThan(
        emulator.state.clock.nowMs(),
      );
      expect((await roleCalls())["sts:GetSessionToken"]).toBe(callsBefore["sts:GetSessionToken"]);
      expect(world.mfaPrompts()).toBe(1);
    } finally {
      child.stdin.end();
    }
    expect(await ended).toBe(0);
    expect(stderr).toBe("");
  });
});
