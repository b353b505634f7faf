import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { commandTable } from "../../src/cli/command-table.js";
import { awsafeArgv } from "../support/awsafe-command.js";
import { awsafeOnTerminal } from "../support/on-terminal.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";

// The surface a person meets first: each command's own help with its examples, help piped into
// `head`, colours only on a terminal, and JSON from the commands that print data.

const escape = "\u001b[";
const visible = commandTable.filter((node) => !node.hidden).map((node) => node.name);

describe("awsafe <command> --help", () => {
  it.each(visible)("awsafe %s --help prints that command's help only, examples last", (name) => {
    const run = runAwsafe([name, "--help"], makeHome());
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(new RegExp(`^Usage: awsafe ${name} `));
    expect(run.stdout).toMatch(/\nExamples:\n( {2}.*awsafe .*\n){2,3}\n$/);
    // The program's command list is not repeated under a command.
    const own = commandTable.find((node) => node.name === name)?.subcommands.map((s) => s.name);
    for (const other of visible.filter((word) => word !== name && own?.includes(word) !== true)) {
      expect(run.stdout).not.toMatch(new RegExp(`^ {2}${other} `, "m"));
    }
    expect(run.stdout).not.toContain("outputHelp");
  });

  it("suggests a command for a mistyped one, and an option of the command named", () => {
    const home = makeHome();
    expect(runAwsafe(["--debug", "lst"], home).stderr).toContain("(Did you mean list?)");
    const option = runAwsafe(["list", "--jsn"], home);
    expect(option.status).toBe(64);
    expect(option.stderr).toContain("(Did you mean --json?)");
    expect(runAwsafe(["help", "list"], home).stdout).toMatch(/^Usage: awsafe list /);
  });

  it("awsafe <command> --help | head -1 ends quietly with 0, every time", () => {
    const command = awsafeArgv(["sso", "--help"]);
    const line = [command.program, ...command.args].map((word) => `'${word}'`).join(" ");
    for (let round = 0; round < 8; round++) {
      const run = spawnSync(
        "bash",
        ["-c", `${line} | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`],
        {
          encoding: "utf8",
          env: { PATH: process.env.PATH ?? "", HOME: makeHome() },
        },
      );
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe("0");
    }
  });
});

describe("colours", () => {
  const home = makeHome({
    config:
      "[profile broken]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = nowhere\n",
  });
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    TERM: "xterm-256color",
    AWSAFE_BACKEND: "file",
  };

  it("colour an error and the marks of list on a terminal", async () => {
    const terminal = awsafeOnTerminal(["list"], env);
    expect(await terminal.ended).toBe(0);
    expect(terminal.screen()).toContain(`${escape}1m${escape}31m✗ error:`);
    const failed = awsafeOnTerminal(["explain", "nowhere-at-all"], env);
    expect(await failed.ended).toBe(78);
    expect(failed.screen()).toContain(`${escape}1m${escape}31mawsafe:${escape}39m${escape}22m `);
  });

  it.each([
    ["NO_COLOR=1", { NO_COLOR: "1" }],
    ["TERM=dumb", { TERM: "dumb" }],
  ])("are none on a terminal with %s", async (_name, extra) => {
    const terminal = awsafeOnTerminal(["list"], { ...env, ...extra });
    expect(await terminal.ended).toBe(0);
    expect(terminal.screen()).toContain("✗ error:");
    expect(terminal.screen()).not.toContain(escape);
  });

  it("are none when the output is not a terminal, and FORCE_COLOR turns them on", () => {
    const piped = runAwsafe(["list"], home, { AWSAFE_BACKEND: "file" });
    expect(piped.stdout).toContain("✗ error:");
    expect(piped.stdout + piped.stderr).not.toContain(escape);
    const forced = runAwsafe(["explain", "nowhere-at-all"], home, { FORCE_COLOR: "1" });
    expect(forced.stderr).toContain(`${escape}31mawsafe:`);
  });
});

describe("--json where a command prints data", () => {
  it("import --dry-run --json: what would be imported, key IDs redacted", () => {
    const home = makeHome({
      credentials:
        "[me]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    });
    const run = runAwsafe(["import", "--dry-run", "--json"], home, {
      AWSAFE_BACKEND: "file",
      AWSAFE_FILE_PASSPHRASE: "p",
    });
    expect(run.status, run.stderr).toBe(0);
    const json: unknown = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      dryRun: true,
      backend: "file",
      imported: [{ profile: "me", accessKeyId: "****MPLE", keepsRole: false, fromSection: null }],
      left: [],
    });
    expect(run.stdout).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(run.stdout).not.toContain("EXAMPLEKEY");
  });

  it("clear --all --json: how many sessions went, and where", () => {
    const run = runAwsafe(["clear", "--all", "--json"], makeHome(), {
      AWSAFE_BACKEND: "file",
      AWSAFE_FILE_PASSPHRASE: "p",
      AWSAFE_AGENT: "off",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ profile: null, inStore: 0, inAgent: null });
  });

  it.each([
    [["list", "--json"], 0],
    [["explain", "plain", "--json"], 0],
    [["backup", "list", "--json"], 0],
    [["agent", "status", "--json"], 69],
    [["doctor", "--json"], undefined],
  ])("%j prints one JSON document on stdout", (args, status) => {
    const home = makeHome({
      config: "[profile plain]\nregion = eu-west-1\n",
      credentials: "[plain]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n",
    });
    const run = runAwsafe(args, home, {
      AWSAFE_BACKEND: "file",
      AWSAFE_FILE_PASSPHRASE: "p",
      AWSAFE_AGENT: "off",
    });
    if (status !== undefined) expect(run.status, run.stderr).toBe(status);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });
});
