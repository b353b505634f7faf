import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { control, seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { awsafeCommand } from "../support/awsafe-command.js";
import {
  awsCallerIdentityArgs,
  boto3CallerArgs,
  fromIniCallerArgs,
  noteSkippedClients,
  sdkEnv,
  withAwsCli,
  withBoto3,
} from "../support/real-clients.js";
import {
  expectNoSecretIn,
  filesUnder,
  issuedSessionSecrets,
  jsonFields,
  useStoredKeysWorld,
} from "./awsafe-world.js";

// The real AWS CLI (Debian `awscli`) and boto3 (`python3-boto3`) consume what awsafe hands out.
noteSkippedClients("test/engine/real-clients.test.ts");

const adminArn = /^arn:aws:sts::210987654321:assumed-role\/AdminRole\//;
const ctx = useStoredKeysWorld();

describe("credentials from awsafe, used by real AWS clients against the emulator", () => {
  it("credential-process prints Version 1 JSON for AdminRole after one MFA prompt", async () => {
    const result = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const json = jsonFields(result.stdout);
    expect(json).toMatchObject({ Version: "1", AccountId: "210987654321" });
    expect(json.AccessKeyId).toMatch(/^ASIA/);
    expect(json.SessionToken).not.toBe("");
    expect(json.Expiration).toMatch(/Z$/);
    expect(ctx.world.mfaPrompts()).toBe(1);
  });

  it.runIf(withAwsCli)(
    "`awsafe exec admin -- aws sts get-caller-identity` is AdminRole",
    async () => {
      const result = await ctx.world.awsafe(
        ["exec", "admin", "--", "aws", ...awsCallerIdentityArgs(ctx.emulator.url)],
        { AWS_PROFILE: "somewhere-else", AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE" },
      );
      expect(result.stderr).toBe("");
      expect(jsonFields(result.stdout).Arn).toMatch(adminArn);
    },
  );

  it.runIf(withAwsCli)(
    "`aws --profile admin-aws` through credential_process is AdminRole",
    async () => {
      const result = await ctx.world.run("aws", [
        "--profile",
        "admin-aws",
        ...awsCallerIdentityArgs(ctx.emulator.url),
      ]);
      expect(result.stderr).toBe("");
      expect(jsonFields(result.stdout).Arn).toMatch(adminArn);
    },
  );

  it.runIf(withBoto3)(
    "boto3.Session(profile_name=...) through credential_process is AdminRole",
    async () => {
      const result = await ctx.world.run("python3", boto3CallerArgs(ctx.emulator.url, "admin-aws"));
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toMatch(adminArn);
    },
  );

  it("the SDK for JavaScript's fromIni through credential_process is AdminRole", async () => {
    const result = await ctx.world.run(
      process.execPath,
      fromIniCallerArgs(ctx.emulator.url, "admin-aws"),
      { ...sdkEnv, NODE_PATH: "" },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toMatch(adminArn);
  });

  it.runIf(withAwsCli)(
    "`awsafe configure base --credential-process` wires the profile for the AWS CLI",
    async () => {
      const configured = await ctx.world.awsafe(["configure", "base", "--credential-process"]);
      expect(configured.status).toBe(0);
      const config = readFileSync(path.join(ctx.world.home, ".aws/config"), "utf8");
      expect(config).toContain(
        `credential_process = ${awsafeCommand.join(" ")} credential-process base\n`,
      );
      const result = await ctx.world.run("aws", [
        "--profile",
        "base",
        ...awsCallerIdentityArgs(ctx.emulator.url),
      ]);
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout)).toMatchObject({
        Arn: "arn:aws:iam::123456789012:user/assume-only",
      });
    },
  );

  it("refuses a profile whose credential_process is awsafe itself without a stored key", async () => {
    const configured = await ctx.world.awsafe(["configure", "loop", "--credential-process"]);
    expect(configured.status).toBe(0);
    const result = await ctx.world.awsafe(["credential-process", "loop"]);
    expect(result.status).toBe(78);
    expect(result.stderr).toContain("awsafe add loop");
  });

  it("all of it cost one MFA prompt, one GetSessionToken and one AssumeRole", async () => {
    const stats = (await control(ctx.emulator, "GET", "stats")) as {
      operations: Record<string, number>;
    };
    expect(ctx.world.mfaPrompts()).toBe(1);
    // One more GetSessionToken, without MFA, for the plain `base` profile.
    expect(stats.operations["sts:GetSessionToken"]).toBe(withAwsCli ? 2 : 1);
    expect(stats.operations["sts:AssumeRole"]).toBe(1);
  });

  it("leaves no secret in any file under HOME or in any output", () => {
    const user = seedUser(ctx.emulator, "assume-only");
    const secrets = [user.secretAccessKey ?? "", ...issuedSessionSecrets(ctx.emulator)];
    expect(secrets.length).toBeGreaterThan(2);
    expect(filesUnder(ctx.world.home).some((f) => f.file.endsWith("store.age"))).toBe(true);
    expectNoSecretIn(ctx.world, secrets);
  });
});
