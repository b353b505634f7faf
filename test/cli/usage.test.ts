import { describe, expect, it } from "vitest";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";

const noStackTrace = /\n\s+at /;

describe("awsafe without a command, or with words it does not know", () => {
  it("prints the help on stderr and exits 64 when no command is given", () => {
    const run = runAwsafe([], makeHome());
    expect(run.status).toBe(64);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Usage: awsafe /);
    expect(run.stderr).toMatch(/^Commands:$/m);
    expect(run.stderr).not.toContain("outputHelp");
  });

  it("prints the group's help and exits 64 for a group without its subcommand", () => {
    const run = runAwsafe(["agent"], makeHome());
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/^Usage: awsafe agent /);
    expect(run.stderr).not.toContain("outputHelp");
  });

  it("prints the help on stdout and exits 0 when asked for it", () => {
    const run = runAwsafe(["--help"], makeHome());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: awsafe /);
    expect(run.stderr).toBe("");
  });

  it.each([
    [["frobnicate"], /^awsafe: unknown command 'frobnicate'/, "awsafe --help"],
    [["explain", "--bogus"], /^awsafe: unknown option '--bogus'/, "awsafe explain --help"],
    [["agent", "bogus"], /^awsafe: unknown command 'bogus'/, "awsafe agent --help"],
    [["exec"], /^awsafe: missing required argument 'profile'/, "awsafe exec --help"],
    [
      ["export", "p", "--format"],
      /^awsafe: option '--format <format>' argument missing/,
      "awsafe export --help",
    ],
  ])("%j: exits 64 and points at the help of the command it names", (args, message, help) => {
    const run = runAwsafe(args, makeHome());
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain(`hint: run \`${help}\` for its arguments and options`);
    expect(run.stderr).not.toMatch(noStackTrace);
  });
});
