import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { control } from "../../emulator/test-support/emulator-fixture.js";
import {
  awsCallerIdentityArgs,
  boto3CallerArgs,
  fromIniCallerArgs,
  noteSkippedClients,
  sdkEnv,
  withAwsCli,
  withBoto3,
} from "../support/real-clients.js";
import { adminRoleArn, jsonFields, mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

// One profile name for everything: `awsafe configure ops ... --credential-process` keeps the
// role settings where only awsafe reads them (awsafe_role_arn, awsafe_source_profile), so the
// AWS CLI, boto3 and the JS SDK run awsafe for `--profile ops` instead of assuming the role
// themselves, and `awsafe exec ops` plans the role from the same section.
noteSkippedClients("test/engine/routed-profile.test.ts");
const opsArn = /^arn:aws:sts::210987654321:assumed-role\/AdminRole\//;
const ctx = useStoredKeysWorld();

describe("a role profile routed through awsafe's credential_process", () => {
  it("is written with awsafe_ keys and the credential_process line", async () => {
    const admin = readFileSync(path.join(ctx.world.home, ".aws/config"), "utf8");
    const mfaProcess = /mfa_process = (.*)/.exec(admin)?.[1] ?? "";
    const configured = await ctx.world.awsafe([
      "configure",
      "ops",
      "--role-arn",
      adminRoleArn,
      "--source-profile",
      "base",
      "--mfa-serial",
      mfaSerial,
      "--mfa-process",
      mfaProcess,
      "--credential-process",
    ]);
    expect(configured.stderr).toMatch(/^configured profile "ops": wrote .*config\n$/);
    const config = readFileSync(path.join(ctx.world.home, ".aws/config"), "utf8");
    const section = config.slice(config.indexOf("[profile ops]"));
    expect(section).toContain(`awsafe_role_arn = ${adminRoleArn}\n`);
    expect(section).toContain("awsafe_source_profile = base\n");
    expect(section).not.toMatch(/^role_arn/m);
    expect(section).toMatch(/^credential_process = .* credential-process ops$/m);
  });

  it("`awsafe explain ops` plans the role from the awsafe_ keys", async () => {
    const explained = await ctx.world.awsafe(["explain", "ops"]);
    expect(explained.status).toBe(0);
    expect(explained.stdout).toContain(`AssumeRole ${adminRoleArn} (profile "ops")`);
  });

  it.runIf(withAwsCli)("`aws --profile ops` runs awsafe and is AdminRole", async () => {
    const result = await ctx.world.run("aws", [
      "--profile",
      "ops",
      "--region",
      "us-east-1",
      ...awsCallerIdentityArgs(ctx.emulator.url),
    ]);
    expect(result.stderr).toBe("");
    expect(jsonFields(result.stdout).Arn).toMatch(opsArn);
  });

  it.runIf(withBoto3)('boto3.Session(profile_name="ops") is AdminRole', async () => {
    const result = await ctx.world.run("python3", boto3CallerArgs(ctx.emulator.url, "ops"));
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toMatch(opsArn);
  });

  it('fromIni({ profile: "ops" }) is AdminRole', async () => {
    const result = await ctx.world.run(
      process.execPath,
      fromIniCallerArgs(ctx.emulator.url, "ops"),
      sdkEnv,
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toMatch(opsArn);
  });

  it("`awsafe export ops` reuses the session: all of it cost one MFA prompt and one AssumeRole", async () => {
    const result = await ctx.world.awsafeCredentials(["export", "ops", "--format", "json"]);
    expect(result.status).toBe(0);
    const stats = (await control(ctx.emulator, "GET", "stats")) as {
      operations: Record<string, number>;
    };
    expect(ctx.world.mfaPrompts()).toBe(1);
    expect(stats.operations["sts:AssumeRole"]).toBe(1);
    expect(stats.operations["sts:GetSessionToken"]).toBe(1);
  });
});
