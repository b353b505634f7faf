import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../../emulator/mfa/verify-totp.js";
import { control, seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { awsafeArgv } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { issuedSessionSecrets, mfaSerial, type Run } from "./awsafe-world.js";
import { startRotateWorld, type RotateWorld } from "./rotate-world.js";

// `--debug` on every command, against the emulator, with known secrets planted: the access keys
// (the seed user's and the one `rotate` makes), every session the emulator issued, the encrypted
// store's passphrase, an MFA code given with --mfa-token, the SSO access and refresh tokens and
// client secrets. The debug output (and everything else the commands print on stderr, and on
// stdout where stdout is not the credentials themselves) must contain none of them.

const startUrl = "https://d-1234567890.awsapps.com/start";
const browser = path.join(repoRoot, "test/engine/fixtures/follow-browser.mjs");

let ctx: RotateWorld;
let scratch: string;
const outputs: { command: string; text: string }[] = [];
const mfaCodes: string[] = [];

beforeAll(async () => {
  ctx = await startRotateWorld();
  scratch = mkdtempSync(path.join(tmpdir(), "awsafe-debug-"));
  appendFileSync(
    path.join(ctx.world.home, ".aws/config"),
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
      "",
    ].join("\n"),
  );
  Object.assign(ctx.world.env, {
    BROWSER: `${process.execPath} ${browser}`,
    BROWSER_LOG: path.join(scratch, "browser.log"),
  });
});

afterAll(async () => {
  await ctx.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs awsafe with `--debug` and keeps what it printed for the scan (stdout unless `secretOut`). */
async function debugRun(
  args: readonly string[],
  options: { readonly env?: Record<string, string>; readonly secretOut?: boolean } = {},
): Promise<Run> {
  const withDebug = options.env?.AWSAFE_DEBUG === "1" ? args : ["--debug", ...args];
  const run =
    options.secretOut === true
      ? await ctx.world.awsafeCredentials(withDebug, options.env)
      : await ctx.world.awsafe(withDebug, options.env);
  const text = options.secretOut === true ? run.stderr : `${run.stdout}${run.stderr}`;
  outputs.push({ command: `awsafe ${withDebug.join(" ")}`, text });
  return run;
}

/** `awsafe serve` for a moment: until it prints its export lines, then SIGTERM. */
function briefServe(profile: string): Promise<string> {
  const command = awsafeArgv(["serve", profile, "--debug"]);
  return new Promise((resolve) => {
    const child = spawn(command.program, command.args, { env: ctx.world.env });
    let stderr = "";
    const stop = () => child.kill("SIGTERM");
    const timer = setTimeout(stop, 20_000);
    child.stdout.resume();
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("AWS_CONTAINER_CREDENTIALS_FULL_URI")) stop();
    });
    child.on("close", () => {
      clearTimeout(timer);
      outputs.push({ command: `awsafe serve ${profile} --debug`, text: stderr });
      resolve(stderr);
    });
  });
}

/** A code the seed user's device shows now (the emulator's clock moved into a fresh window). */
async function freshMfaCode(): Promise<string> {
  const { now } = (await control(ctx.emulator, "POST", "clock", { advanceSeconds: 30 })) as {
    now: string;
  };
  const code = totpCode(seedUser(ctx.emulator, "assume-only").totpSecret ?? "", Date.parse(now));
  mfaCodes.push(code);
  return code;
}

/** Every SSO secret the emulator issued: access and refresh tokens, client secrets. */
function ssoSecrets(): string[] {
  const runtime = ctx.emulator.state.ssoRuntime;
  return [
    ...[...runtime.accessTokens.values()].flatMap((t) => [t.accessToken, t.refreshToken]),
    ...[...runtime.clients.values()].map((c) => c.clientSecret),
  ].filter((secret): secret is string => typeof secret === "string" && secret !== "");
}

describe("--debug on every command", () => {
  it("says what the engine decides and does, and prints no planted secret", async () => {
    expect((await debugRun(["list"])).status).toBe(0);
    expect((await debugRun(["list", "--json"])).status).toBe(0);
    expect((await debugRun(["explain", "admin"])).status).toBe(0);
    expect((await debugRun(["configure", "scratch", "--region", "eu-west-1"])).status).toBe(0);
    const user = seedUser(ctx.emulator, "assume-only");
    const added = await debugRun(["add", "second", "--env"], {
      env: {
        AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
        AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
      },
    });
    expect(added.status, added.stderr).toBe(0);
    expect((await debugRun(["import", "--dry-run"])).status).toBe(0);

    // The credential commands: in-process, through the agent (a miss, then a hit), the hot path.
    const first = await debugRun(["credential-process", "admin"], { secretOut: true });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain("agent: cache miss");
    const again = await debugRun(["credential-process", "admin"], {
      env: { AWSAFE_DEBUG: "1" },
      secretOut: true,
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("agent: cache hit");
    const exported = await debugRun(["export", "admin", "--format", "json"], { secretOut: true });
    expect(exported.status, exported.stderr).toBe(0);
    const asked = await debugRun(
      ["export", "admin-asks", "--no-agent", "--mfa-token", await freshMfaCode()],
      { secretOut: true },
    );
    expect(asked.status, asked.stderr).toBe(0);
    expect(asked.stderr).toContain(`MFA code for ${mfaSerial}`);
    expect(asked.stderr).toMatch(/AWS STS GetSessionToken: ok in \d+ ms/);
    expect(asked.stderr).toMatch(/AWS STS AssumeRole: ok in \d+ ms/);
    expect(asked.stderr).toContain("session cache miss");
    const exec = await debugRun(["exec", "admin", "--", process.execPath, "-e", "0"]);
    expect(exec.status, exec.stderr).toBe(0);
    expect(await briefServe("admin")).toContain("awsafe: debug:");
    const login = await debugRun(["login", "admin", "--stdout"], { secretOut: true });
    expect(login.status, login.stderr).toBe(0);

    // IAM Identity Center: sign in, list, role credentials, sign out.
    expect((await debugRun(["sso", "login", "--sso-session", "corp"])).status).toBe(0);
    expect((await debugRun(["sso", "list", "--sso-session", "corp", "--json"])).status).toBe(0);
    const dev = await debugRun(["credential-process", "dev"], { secretOut: true });
    expect(dev.status, dev.stderr).toBe(0);

    // Keys, caches and the machine.
    const rotated = await debugRun(["rotate", "base", "--no-agent", "--json"]);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stderr).toMatch(/AWS IAM CreateAccessKey: ok in \d+ ms/);
    expect((await debugRun(["agent", "status", "--json"])).status).toBe(0);
    expect((await debugRun(["clear", "admin"])).status).toBe(0);
    expect((await debugRun(["remove", "second", "--force"])).status).toBe(0);
    expect((await debugRun(["backup", "list", "--json"])).status).toBe(0);
    expect([0, 1]).toContain((await debugRun(["doctor", "--json"])).status);
    expect((await debugRun(["iam", "policy", "force-mfa"])).status).toBe(0);
    // Account checks and an error: exit codes vary with the emulator's IAM; the output is scanned.
    await debugRun(["iam", "check", "base"]);
    await debugRun(["doctor", "--profile", "base", "--json"]);
    const nope = await debugRun(["credential-process", "nope"], { secretOut: true });
    expect(nope.status).toBe(78);
    // The agent's trace comes back with its error too.
    expect(nope.stderr).toContain("awsafe: debug: agent: cache miss");
    expect((await debugRun(["completion", "bash"])).status).toBe(0);
    expect((await debugRun(["sso", "logout", "--sso-session", "corp"])).status).toBe(0);

    const secrets = [
      ...ctx.keySecrets,
      ...issuedSessionSecrets(ctx.emulator),
      ...ssoSecrets(),
      ctx.world.env.AWSAFE_FILE_PASSPHRASE ?? "",
    ].filter((secret) => secret !== "");
    // The scan can fail: the credentials a command printed on purpose are among the planted ones.
    expect(secrets.some((secret) => first.stdout.includes(secret))).toBe(true);
    const found = outputs.flatMap(({ command, text }) => [
      ...secrets.filter((secret) => text.includes(secret)).map(() => command),
      // A six-digit code is matched as a word: account ids hold every run of six digits.
      ...mfaCodes.filter((code) => new RegExp(`\\b${code}\\b`).test(text)).map(() => command),
    ]);
    const debugLines = outputs.flatMap(({ text }) =>
      text.split("\n").filter((line) => line.startsWith("awsafe: debug:")),
    );
    const all = outputs.map(({ command, text }) => `$ ${command}\n${text}`).join("\n");
    const transcript = process.env["AWSAFE_DEBUG_SCAN_TRANSCRIPT"];
    if (transcript !== undefined) writeFileSync(transcript, all);
    for (const event of [
      "awsafe: debug: reading ",
      "awsafe: debug: plan for profile",
      "awsafe: debug: secret store: file",
      "awsafe: debug: asking the agent on ",
      "awsafe: debug: agent: cache hit",
      "awsafe: debug: session cache hit",
      "awsafe: debug: AWS SSO-OIDC CreateToken: ok",
      "awsafe: debug: agent: AWS SSO GetRoleCredentials: ok",
    ]) {
      expect(all).toContain(event);
    }
    console.log(
      [
        "--debug secret scan",
        `  commands run:        ${String(outputs.length)}`,
        `  debug lines:         ${String(debugLines.length)}`,
        `  secrets planted:     ${String(secrets.length + mfaCodes.length)} (access keys ${String(ctx.keySecrets.size)}, session and SSO secrets, the store passphrase, MFA codes ${String(mfaCodes.length)})`,
        `  secrets found:       ${String(found.length)}`,
        ...outputs.map(({ command }) => `    ${command}`),
      ].join("\n"),
    );
    expect(found).toEqual([]);
    expect(debugLines.length).toBeGreaterThan(50);
  }, 240_000);
});
