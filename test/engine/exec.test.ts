import { spawn } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { awsafeArgv } from "../support/awsafe-command.js";
import { jsonFields, mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

const ctx = useStoredKeysWorld();
const node = process.execPath;

const printEnv = `process.stdout.write(JSON.stringify(process.env))`;

describe("awsafe exec", () => {
  it("gives the child a clean environment with the role's credentials", async () => {
    const result = await ctx.world.awsafe(
      ["exec", "admin", "--region", "eu-west-1", "--", node, "-e", printEnv],
      {
        AWS_PROFILE: "other",
        AWS_DEFAULT_PROFILE: "other",
        AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE",
        AWS_SECRET_ACCESS_KEY: "inherited-secret-FAKE",
        AWS_SECURITY_TOKEN: "inherited-token-FAKE",
        KEEP_ME: "kept",
      },
    );
    expect(result.stderr).toBe("");
    const env = jsonFields(result.stdout);
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(env.AWS_SESSION_TOKEN).not.toBe("");
    expect(env.AWS_CREDENTIAL_EXPIRATION).toMatch(/Z$/);
    expect(env).toMatchObject({
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWSAFE_PROFILE: "admin",
      KEEP_ME: "kept",
    });
    for (const gone of [
      "AWS_PROFILE",
      "AWS_DEFAULT_PROFILE",
      "AWS_SECURITY_TOKEN",
      "AWSAFE_FILE_PASSPHRASE",
    ]) {
      expect(env).not.toHaveProperty(gone);
    }
    expect(JSON.stringify(env)).not.toContain("inherited-secret-FAKE");
  });

  it("returns the child's exit code, and 128 + signal when a signal ends it", async () => {
    expect((await ctx.world.awsafe(["exec", "admin", "--", "sh", "-c", "exit 7"])).status).toBe(7);
    expect(
      (await ctx.world.awsafe(["exec", "admin", "--", "sh", "-c", "kill -TERM $$"])).status,
    ).toBe(143);
  });

  it("refuses to nest", async () => {
    const result = await ctx.world.awsafe(["exec", "admin", "--", "true"], {
      AWSAFE_PROFILE: "admin",
    });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('Already inside `awsafe exec` for profile "admin"');
  });

  it("runs $SHELL when no command is given", async () => {
    const shell = path.join(ctx.world.home, "fake-shell");
    writeFileSync(shell, '#!/bin/sh\necho "shell for $AWSAFE_PROFILE"\nexit 3\n');
    chmodSync(shell, 0o755);
    const result = await ctx.world.awsafe(["exec", "admin"], { SHELL: shell });
    expect(result.stdout).toBe("shell for admin\n");
    expect(result.status).toBe(3);
  });

  it("says so when the command does not exist", async () => {
    const result = await ctx.world.awsafe(["exec", "admin", "--", "no-such-command-FAKE"]);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('Cannot run "no-such-command-FAKE"');
  });

  it("forwards SIGTERM to the child and returns what the child made of it", async () => {
    const script = [
      'process.on("SIGTERM", () => process.exit(42));',
      'process.stdout.write("ready\\n");',
      "setInterval(() => undefined, 1000);",
    ].join("");
    const command = awsafeArgv(["exec", "admin", "--", node, "-e", script]);
    const child = spawn(command.program, command.args, {
      env: ctx.world.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) resolve();
      });
    });
    child.kill("SIGTERM");
    const status = await new Promise<number | null>((resolve) =>
      child.on("exit", (code) => {
        resolve(code);
      }),
    );
    expect(status).toBe(42);
  });

  it("with --mfa-token, a refused code fails at once with a hint instead of asking again", async () => {
    const result = await ctx.world.awsafe([
      "credential-process",
      "admin",
      "--no-session",
      "--mfa-token",
      "000000",
    ]);
    expect(result.status).toBe(77);
    expect(result.stderr).toContain("AWS refused the --mfa-token code");
    expect(ctx.world.mfaPrompts()).toBe(1);
  });

  it("without mfa_process and with AWSAFE_PROMPT=none, says how to give a code", async () => {
    const result = await ctx.world.awsafe(["credential-process", "admin-asks", "--no-session"], {
      AWSAFE_PROMPT: "none",
    });
    expect(result.status).toBe(77);
    expect(result.stderr).toContain(`An MFA code for ${mfaSerial} is needed`);
    expect(result.stderr).toMatch(/hint: Give it with --mfa-token/);
  });

  it("export prints the same credentials in each format", async () => {
    const json = await ctx.world.awsafeCredentials(["export", "admin", "--format", "json"]);
    expect(json.stderr).toBe("");
    const keyId = jsonFields(json.stdout).AccessKeyId ?? "";
    const env = await ctx.world.awsafeCredentials(["export", "admin"]);
    expect(env.stdout).toContain(`export AWS_ACCESS_KEY_ID=${keyId}\n`);
    const bad = await ctx.world.awsafe(["export", "admin", "--format", "yaml"]);
    expect(bad.status).toBe(64);
  });
});
