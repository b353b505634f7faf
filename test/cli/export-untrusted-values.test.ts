import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { assertAwsafeBuilt, awsafeArgv } from "../support/awsafe-command.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";
import { fileStoreEnv } from "../support/store-e2e.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";

// The security review's case, end to end: a profile's region (a config file is not trusted)
// that is a command in fish when quoted the POSIX way. Its credentials come from a
// credential_process, so no AWS call is made.
const region = String.raw`x\';touch PWNED;#`;

function homeWith(profileRegion: string): string {
  const home = makeHome();
  const script = join(home, "print-credentials.cjs");
  const document = {
    Version: 1,
    AccessKeyId: "ASIAFAKEEXAMPLE00000",
    SecretAccessKey: "fake-secret-TEST",
    SessionToken: "fake-token-TEST",
    Expiration: "2099-01-01T00:00:00Z",
  };
  writeFileSync(script, `process.stdout.write(${JSON.stringify(JSON.stringify(document))});\n`);
  const config = `[profile untrusted]\nregion = ${profileRegion}\ncredential_process = ${process.execPath} ${script}\n`;
  writeFileSync(join(home, ".aws/config"), config);
  return home;
}

const env = fileStoreEnv({ AWSAFE_AGENT: "off" });

describeWithRealThing(
  "awsafe export --format fish, sourced by fish",
  await missingCommands("fish"),
  () => {
    it("sets the region to its exact value and runs none of it", () => {
      const exported = runAwsafe(
        ["export", "untrusted", "--format", "fish"],
        homeWith(region),
        env,
      );
      expect(exported.status).toBe(0);
      const cwd = mkdtempSync(join(tmpdir(), "awsafe-fish-"));
      writeFileSync(join(cwd, "exported.fish"), exported.stdout);
      const fish = spawnSync(
        "fish",
        ["--no-config", "-c", "source exported.fish; printenv AWS_REGION AWS_DEFAULT_REGION"],
        { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: cwd } },
      );
      expect(existsSync(join(cwd, "PWNED"))).toBe(false);
      expect(fish.stderr).toBe("");
      expect(fish.stdout).toBe(`${region}\n${region}\n`);
    });
  },
);

it("export --format dotenv refuses a region it cannot write safely: exit 78, nothing on stdout", () => {
  const run = runAwsafe(["export", "untrusted", "--format", "dotenv"], homeWith(region), env);
  expect(run.status).toBe(78);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain(
    "awsafe: Cannot print AWS_REGION for a dotenv file: it holds a quote or a backslash (U+005C, character 2)",
  );
});

it("serve refuses a region no shell variable can hold, before it listens: exit 78", () => {
  assertAwsafeBuilt();
  const home = homeWith("eu\0west");
  const command = awsafeArgv(["serve", "untrusted"]);
  // A serve that printed its lines would run until stopped: the timeout ends it.
  const run = spawnSync(command.program, command.args, {
    env: { PATH: process.env.PATH ?? "", HOME: home, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 10_000,
  });
  expect(run.stdout).toBe("");
  expect(run.status).toBe(78);
  expect(run.stderr).toContain("Cannot print AWS_REGION for POSIX shells: it holds NUL");
});
