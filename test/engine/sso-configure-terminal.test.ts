import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultSeed } from "../../emulator/seed/default-seed.js";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { repoRoot } from "../support/conformance.js";
import { awsafeOnTmux, type TmuxTerminal } from "../support/tmux-terminal.js";
import { jsonFields, makeWorld, type AwsafeWorld } from "./awsafe-world.js";

// `awsafe sso configure` with no flags on a terminal asks as `aws configure sso` does: the
// sso-session, then (after a sign-in through the browser) an account, a role and a name.
vi.setConfig({ testTimeout: 120_000 });

const browser = path.join(repoRoot, "test/engine/fixtures/follow-browser.mjs");
let emulator: RunningEmulator;
let world: AwsafeWorld;
beforeAll(async () => {
  emulator = await start({ port: 0, seed: defaultSeed() });
  world = makeWorld(emulator, "file");
  Object.assign(world.env, {
    BROWSER: `${process.execPath} ${browser}`,
    BROWSER_LOG: path.join(world.home, "browser.log"),
  });
  delete world.env["AWSAFE_PROMPT"];
});
afterAll(async () => {
  await world.stopAgent();
  await emulator.stop();
  rmSync(world.home, { recursive: true, force: true });
});

/**
 * Picks the `n`th choice: with the arrow keys in the Node build's list, by its number in the
 * single executable's plain-line questions.
 */
async function choose(terminal: TmuxTerminal, n: number): Promise<void> {
  if (process.env["AWSAFE_TEST_BINARY"] === undefined) {
    await terminal.keys(...Array<string>(n - 1).fill("Down"), "Enter");
  } else {
    await terminal.type(String(n));
    await terminal.keys("Enter");
  }
}

describe("awsafe sso configure on a terminal", () => {
  it("asks for the sso-session, signs in, offers the portal's accounts and roles, writes a routed profile", async () => {
    const terminal = await awsafeOnTmux(["sso", "configure"], world.env, {
      width: 110,
      height: 40,
    });
    try {
      await terminal.waitForScreen("A name for the sso-session");
      await terminal.type("corp");
      await terminal.keys("Enter");
      await terminal.waitForScreen("The AWS access portal URL");
      await terminal.type("ftp://example.org");
      await terminal.keys("Enter");
      await terminal.waitForScreen("is not an https URL");
      await terminal.keys(...Array<string>(20).fill("BSpace"));
      await terminal.type("https://d-1234567890.awsapps.com/start");
      await terminal.keys("Enter");
      await terminal.waitForScreen("The region of IAM Identity Center");
      await terminal.type("us-east-1");
      await terminal.keys("Enter");
      await terminal.waitForScreen("Sign in now and choose an account");
      await terminal.keys("Enter");
      await terminal.waitForScreen("The account");
      expect(await terminal.screen()).toContain("333333333333");
      await choose(terminal, 2);
      await terminal.waitForScreen("The role");
      await choose(terminal, 2);
      await terminal.waitForScreen("A name for the profile");
      console.log(`--- awsafe sso configure ---\n${(await terminal.screen()).trimEnd()}`);
      await terminal.keys("Enter");
      expect(await terminal.exitCode()).toBe(0);
    } finally {
      await terminal.close();
    }
    const config = readFileSync(path.join(world.home, ".aws/config"), "utf8");
    expect(config).toContain(
      "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1",
    );
    expect(config).toMatch(
      /\[profile staging\.ReadOnlyAccess\]\ncredential_process = .*\nawsafe_sso_session = corp\nawsafe_sso_account_id = 222222222222\nawsafe_sso_role_name = ReadOnlyAccess/,
    );
    const result = await world.awsafeCredentials(["credential-process", "staging.ReadOnlyAccess"]);
    expect(result.stderr).toBe("");
    expect(jsonFields(result.stdout)).toMatchObject({ Version: "1", AccountId: "222222222222" });
  });

  it("takes an existing sso-session's URL and region; without a terminal it names the missing flags", async () => {
    const noTerminal = await world.awsafe(["sso", "configure", "--sso-session", "other"]);
    expect(noTerminal.status).toBe(64);
    expect(noTerminal.stderr).toContain("sso configure needs --start-url, --region");
    const profile = await world.awsafe([
      "sso",
      "configure",
      "--sso-session",
      "corp",
      "--profile",
      "prod-admin",
      "--account-id",
      "333333333333",
      "--role-name",
      "AdministratorAccess",
    ]);
    expect(profile.stderr).toContain('configured sso-session "corp" and profile "prod-admin"');
    expect(profile.status).toBe(0);
    const result = await world.awsafeCredentials(["credential-process", "prod-admin"]);
    expect(jsonFields(result.stdout)).toMatchObject({ AccountId: "333333333333" });
  });
});
