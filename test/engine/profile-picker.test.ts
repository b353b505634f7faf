import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { awsafeArgv } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { awsafeOnTmux, onTmux, type TmuxTerminal } from "../support/tmux-terminal.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";
import { jsonFields, mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

// The profile picker on a real pseudo-terminal: tmux runs awsafe on a terminal of its own, the
// test types as a person would and reads the screen tmux renders. The world's profiles (base
// with stored keys; admin, admin-asks: AdminRole in 210987654321; admin-aws: credential_process)
// plus two whose accounts and roles differ.
const ctx = useStoredKeysWorld();
const opened: TmuxTerminal[] = [];
const node = process.execPath;

beforeAll(() => {
  appendFileSync(
    path.join(ctx.world.home, ".aws/config"),
    [
      "[profile audit]",
      "role_arn = arn:aws:iam::444455556666:role/ReadOnlyAudit",
      "source_profile = base",
      "[profile dev]",
      "sso_account_id = 111122223333",
      "sso_role_name = Developer",
      "sso_start_url = https://example.awsapps.com/start",
      "sso_region = us-east-1",
      "",
    ].join("\n"),
  );
});

afterEach(async () => {
  for (const terminal of opened.splice(0)) await terminal.close();
});

/** The world's environment with prompting allowed (the world turns it off for scripts). */
function terminalEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { ...ctx.world.env, AWSAFE_PROMPT: "terminal", ...extra };
}

async function picker(args: readonly string[], extra: Record<string, string> = {}) {
  const terminal = await awsafeOnTmux(args, terminalEnv(extra), { cwd: repoRoot });
  opened.push(terminal);
  return terminal;
}

/** The profile names the picker lists now, in order (a focused line starts with ●, others ○). */
function listed(screen: string): string[] {
  return [...screen.matchAll(/^│ {2}[●○] (\S+)/gmu)].map((match) => match[1] ?? "");
}

const prompt = "Pick a profile for awsafe";

/** Empties the search field (the longest search the tests type is under 12 characters). */
async function clearSearch(terminal: TmuxTerminal): Promise<void> {
  await terminal.keys(...Array.from({ length: 12 }, () => "BSpace"));
  // An empty search field shows its cursor as "_".
  const cleared = await terminal.waitForScreen(/Search:( _)? *\n/);
  expect(listed(cleared)).toHaveLength(6);
}

/** The code the seeded MFA device shows now, from the tests' own mfa_process. */
async function currentCode(): Promise<string> {
  const script = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
  return (await ctx.world.run(node, [script])).stdout.trim();
}

/** The caller's ARN for credentials, asked of the emulator. */
async function callerArn(credentials: Record<string, string>): Promise<string | undefined> {
  const sts = new STSClient({
    region: "us-east-1",
    endpoint: ctx.emulator.url,
    credentials: {
      accessKeyId: credentials.AccessKeyId ?? "",
      secretAccessKey: credentials.SecretAccessKey ?? "",
      sessionToken: credentials.SessionToken ?? "",
    },
  });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
}

describeWithRealThing("the profile picker on a terminal", await missingCommands("tmux"), () => {
  // Each wait below gives up after 20 s and shows the screen; on a loaded machine a run that
  // starts the agent and calls STS may take several seconds.
  vi.setConfig({ testTimeout: 90_000 });

  it("lists every profile with where its credentials come from, and filters as one types: by name, account ID or role name", async () => {
    const terminal = await picker(["explain"]);
    const first = await terminal.waitForScreen(prompt);
    expect(listed(first)).toEqual(["admin", "admin-asks", "admin-aws", "audit", "base", "dev"]);
    expect(first).toMatch(
      /^│ {2}● admin +role arn:aws:iam::210987654321:role\/AdminRole via base with MFA$/m,
    );
    expect(first).toMatch(/^│ {2}○ base +keys in the secret store$/m);
    expect(first).toMatch(/^│ {2}○ dev +SSO Developer in 111122223333$/m);

    await terminal.type("asks");
    expect(listed(await terminal.waitForScreen("(1 match)"))).toEqual(["admin-asks"]);
    await clearSearch(terminal);

    await terminal.type("2109");
    expect(listed(await terminal.waitForScreen("(2 matches)"))).toEqual(["admin", "admin-asks"]);
    await clearSearch(terminal);

    await terminal.type("4444");
    expect(listed(await terminal.waitForScreen("(1 match)"))).toEqual(["audit"]);
    await clearSearch(terminal);

    await terminal.type("readonly");
    expect(listed(await terminal.waitForScreen("(1 match)"))).toEqual(["audit"]);
    await clearSearch(terminal);

    await terminal.type("develop");
    expect(listed(await terminal.waitForScreen("(1 match)"))).toEqual(["dev"]);
    await clearSearch(terminal);

    await terminal.type("zzz");
    await terminal.waitForScreen("No matches found");
    await clearSearch(terminal);

    await terminal.type("dv");
    await terminal.waitForScreen("(1 match)");
    await terminal.keys("Enter");
    const explained = await terminal.waitForScreen(/^profile +dev/m);
    expect(explained).toContain("role Developer in account 111122223333");
    expect(await terminal.exitCode()).toBe(0);
  });

  it("arrows and Enter pick a profile, and export prints its credentials (the list on stderr, the credentials on stdout)", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "awsafe-picked-")), "credentials.json");
    const command = awsafeArgv(["export", "--format", "json"]);
    // As `eval "$(awsafe export)"` runs it: stdout is not the terminal, stdin and stderr are.
    const terminal = await onTmux(
      "sh",
      ["-c", '"$0" "$@" > "$OUT"', command.program, ...command.args],
      terminalEnv({ OUT: out }),
    );
    opened.push(terminal);
    await terminal.waitForScreen(prompt);
    await terminal.type("adm");
    await terminal.waitForScreen("(3 matches)");
    await terminal.keys("Down");
    await terminal.waitForScreen(/● admin-asks/);
    await terminal.keys("Down");
    await terminal.waitForScreen(/● admin-aws/);
    await terminal.keys("Up", "Up");
    await terminal.waitForScreen(/● admin +role/);
    await terminal.keys("Enter");
    expect(await terminal.exitCode()).toBe(0);
    const credentials = jsonFields(readFileSync(out, "utf8"));
    expect(credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(await callerArn(credentials)).toMatch(
      /^arn:aws:sts::210987654321:assumed-role\/AdminRole\//,
    );
  });

  it("exec without a profile before -- runs the command with the picked profile, and hands it the terminal", async () => {
    const identity = [
      'import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";',
      'const sts = new STSClient({ region: "us-east-1", endpoint: process.env.EMULATOR_URL });',
      "const { Arn } = await sts.send(new GetCallerIdentityCommand({}));",
      "console.log(`identity ${Arn} as ${process.env.AWSAFE_PROFILE}`);",
    ].join("\n");
    const child = `"${node}" --input-type=module -e '${identity}' && read line && echo "read: $line"`;
    const terminal = await picker(["exec", "--", "sh", "-c", child]);
    await terminal.waitForScreen(prompt);
    await terminal.type("2109");
    await terminal.waitForScreen("(2 matches)");
    await terminal.keys("Enter");
    await terminal.waitForScreen(
      /identity arn:aws:sts::210987654321:assumed-role\/AdminRole\/\S+ as admin/,
    );
    await terminal.type("typed after the picker");
    await terminal.keys("Enter");
    await terminal.waitForScreen("read: typed after the picker");
    expect(await terminal.exitCode()).toBe(0);
  });

  it("a profile that asks for its MFA code asks on the same terminal after the pick", async () => {
    expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
    const terminal = await picker(["export", "--format", "json"]);
    await terminal.waitForScreen(prompt);
    await terminal.type("asks");
    await terminal.waitForScreen("(1 match)");
    await terminal.keys("Enter");
    await terminal.waitForScreen(`Enter MFA code for ${mfaSerial}: `);
    await terminal.type(await currentCode());
    await terminal.keys("Enter");
    expect(await terminal.exitCode()).toBe(0);
    expect(await terminal.screen()).toMatch(/"AccessKeyId": "ASIA/);
  });

  it("Ctrl-C leaves the picker with exit 130, and nothing is run", async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), "awsafe-ran-")), "ran");
    const terminal = await picker(["exec", "--", "touch", marker]);
    await terminal.waitForScreen(prompt);
    await terminal.type("adm");
    await terminal.waitForScreen("(3 matches)");
    await terminal.keys("C-c");
    expect(await terminal.exitCode()).toBe(130);
    expect(await terminal.screen()).toContain(
      "awsafe: Cancelled at the profile picker; awsafe exec did nothing",
    );
    expect(existsSync(marker)).toBe(false);
  });

  it.each([["serve"], ["login", "--stdout"], ["rotate"]])(
    "shows for %s too (left here with Ctrl-C)",
    async (...args) => {
      const terminal = await picker(args);
      await terminal.waitForScreen(`${prompt} ${args[0]}`);
      await terminal.keys("C-c");
      expect(await terminal.exitCode()).toBe(130);
    },
  );

  it("does not show inside another awsafe exec: exec refuses first", async () => {
    const terminal = await picker(["exec", "--", "true"], { AWSAFE_PROFILE: "admin" });
    expect(await terminal.exitCode()).toBe(64);
    const screen = await terminal.screen();
    expect(screen).not.toContain(prompt);
    expect(screen).toContain('Already inside `awsafe exec` for profile "admin"');
  });

  it("does not show when a profile is named, or AWS_PROFILE chooses one", async () => {
    const named = await picker(["explain", "audit"]);
    expect(await named.exitCode()).toBe(0);
    expect(await named.screen()).not.toContain(prompt);
    expect(await named.screen()).toMatch(/^profile +audit/m);

    const chosen = await picker(["explain"], { AWS_PROFILE: "admin-aws" });
    expect(await chosen.exitCode()).toBe(0);
    expect(await chosen.screen()).not.toContain(prompt);
    expect(await chosen.screen()).toMatch(/^profile +admin-aws/m);

    // A command that needs a profile named keeps its usage error.
    const required = await picker(["export"], { AWS_PROFILE: "admin" });
    expect(await required.exitCode()).toBe(64);
    expect(await required.screen()).toContain("awsafe: missing required argument 'profile'");
  });

  it.each([{ AWSAFE_PROMPT: "none" }, { CI: "true" }])(
    "does not show with %j, even on a terminal",
    async (extra) => {
      const terminal = await picker(["exec", "--", "true"], extra);
      expect(await terminal.exitCode()).toBe(64);
      const screen = await terminal.screen();
      expect(screen).not.toContain(prompt);
      expect(screen).toContain("awsafe: missing required argument 'profile'");
    },
  );
});

// Without a terminal (these runs have pipes for stdin, stdout and stderr), nothing changes.
it.each([
  [["export", "--format", "json"], 64, /^awsafe: missing required argument 'profile'$/m],
  [["exec", "--", "true"], 64, /^awsafe: missing required argument 'profile'$/m],
  // `--` ends the profile's place: `admin` here is the command to run, not the profile.
  [["exec", "--region", "eu-west-1", "--", "admin"], 64, /missing required argument 'profile'/],
  [["serve"], 64, /^awsafe: missing required argument 'profile'$/m],
  [["rotate"], 64, /^awsafe: Name the profile to rotate, or --all$/m],
  [["explain"], 78, /"default"/],
])("without a terminal, %j keeps its behaviour", async (args, status, message) => {
  const run = await ctx.world.awsafe(args, { AWSAFE_PROMPT: "terminal" });
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toContain(prompt);
  expect(run.status).toBe(status);
});
