import { describe, expect, it } from "vitest";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";

const home = makeHome();
const noStackTrace = /\n\s+at /;
const role = "arn:aws:iam::210987654321:role/AdminRole";

describe("awsafe iam policy", () => {
  it.each([
    [["force-mfa"], "DenyAllExceptListedIfNoMFA"],
    [["assume-only", "--role-arn", role], "AllowAssumeNamedRolesWithMfa"],
    [
      ["role-trust", "--account-id", "123456789012", "--max-mfa-age", "3600"],
      "aws:MultiFactorAuthAge",
    ],
    [["rotate-own-keys"], "AllowRotateOwnAccessKeysWithMfa"],
    [["audit-readonly"], "iam:GetCredentialReport"],
  ])("%j prints a valid policy document on stdout only", (args, contains) => {
    const run = runAwsafe(["iam", "policy", ...args], home);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    const policy = JSON.parse(run.stdout) as { Version: string; Statement: unknown[] };
    expect(policy.Version).toBe("2012-10-17");
    expect(run.stdout).toContain(contains);
  });

  it("--format terraform and cloudformation wrap the same document", () => {
    const terraform = runAwsafe(
      ["iam", "policy", "role-trust", "--account-id", "123456789012", "--format", "terraform"],
      home,
    );
    expect(terraform.stdout).toMatch(/^resource "aws_iam_role" "awsafe_role_trust" \{/);
    const cloudformation = runAwsafe(
      ["iam", "policy", "force-mfa", "--format", "cloudformation"],
      home,
    );
    expect(JSON.parse(cloudformation.stdout)).toMatchObject({
      AWSTemplateFormatVersion: "2010-09-09",
    });
  });

  it.each([
    [["nope"], /^awsafe: There is no policy named "nope"\nhint: Name one of: force-mfa, /],
    [["assume-only"], /^awsafe: assume-only needs the roles the user may assume\nhint: /],
    [["assume-only", "--role-arn", "arn:aws:iam::1:user/x"], /is not a role ARN\nhint: /],
    [["role-trust"], /^awsafe: role-trust needs --account-id\nhint: /],
    [["role-trust", "--account-id", "123"], /is not a 12-digit account ID/],
    [
      ["role-trust", "--account-id", "123456789012", "--max-mfa-age", "soon"],
      /--max-mfa-age "soon" is not a number/,
    ],
    [
      ["role-trust", "--account-id", "123456789012", "--principal", "bob"],
      /--principal "bob" is not an IAM user/,
    ],
    [
      ["force-mfa", "--account-id", "123456789012"],
      /^awsafe: --account-id belongs to the role-trust policy, not force-mfa/,
    ],
    [["force-mfa", "--format", "yaml"], /^awsafe: --format "yaml" is not one of its values/],
  ])("%j: one line, a hint, exit 64, nothing on stdout", (args, message) => {
    const run = runAwsafe(["iam", "policy", ...args], home);
    expect(run.status).toBe(64);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(noStackTrace);
  });
});

describe("awsafe iam check and doctor on bad input", () => {
  it("iam check of an unknown profile: a configuration error (78)", () => {
    const run = runAwsafe(["iam", "check", "ghost"], home, { AWSAFE_BACKEND: "file" });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/^awsafe: .*"ghost"/);
    expect(run.stderr).not.toMatch(noStackTrace);
  });

  it("doctor --profile of an unknown profile: a configuration error (78), not a finding", () => {
    const run = runAwsafe(["doctor", "--profile", "ghost"], home, { AWSAFE_BACKEND: "file" });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/^awsafe: .*"ghost"/);
    expect(run.stderr).not.toMatch(noStackTrace);
  });

  it("iam check of a profile without an IAM user behind it says so (78)", () => {
    const sso = makeHome({
      config:
        "[profile dev]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Admin\n",
    });
    const run = runAwsafe(["iam", "check", "dev"], sso, { AWSAFE_BACKEND: "file" });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain("IAM Identity Center: there is no IAM user behind it to check");
  });
});
