// What awsafe writes and runs as itself, and what it must not take from the directory it runs
// in. Both matter most for the single executable (`npm run test:bin`), whose program is the
// binary alone and whose runtime (Bun) would by default read `.env` and `bunfig.toml` there.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { awsafeCommand } from "../support/awsafe-command.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";

const dirs: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("awsafe's own command line", () => {
  it("configure --credential-process writes the command that runs this awsafe, and it runs", () => {
    const home = makeHome();
    dirs.push(home);
    const run = runAwsafe(["configure", "p", "--credential-process"], home);
    expect(run.status).toBe(0);
    const line = `${awsafeCommand.join(" ")} credential-process p`;
    expect(readFileSync(join(home, ".aws/config"), "utf8")).toBe(
      `[profile p]\ncredential_process = ${line}\n`,
    );
    // The words before `credential-process` start awsafe from any directory.
    const self = line.replace(/ credential-process p$/, "");
    const version = spawnSync("/bin/sh", ["-c", `${self} --version`], {
      cwd: tempDir("awsafe-cwd-"),
      encoding: "utf8",
    });
    expect(version.stderr).toBe("");
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("the working directory", () => {
  it("gives awsafe no variables from .env and runs nothing from bunfig.toml", () => {
    const home = makeHome({ config: "[profile from-dotenv]\nregion = eu-west-1\n" });
    dirs.push(home);
    const cwd = tempDir("awsafe-cwd-");
    const marker = join(cwd, "preloaded");
    writeFileSync(join(cwd, ".env"), "AWS_PROFILE=from-dotenv\n");
    writeFileSync(join(cwd, "bunfig.toml"), 'preload = ["./preload.js"]\n');
    writeFileSync(
      join(cwd, "preload.js"),
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n`,
    );
    const run = runAwsafe(["explain"], home, {}, cwd);
    expect(run.stderr).toContain('profile "default" is not defined');
    expect(run.status).toBe(78);
    expect(existsSync(marker)).toBe(false);
  });
});
