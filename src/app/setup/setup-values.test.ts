import { describe, expect, it } from "vitest";
import { mfaSerialProblem, profileNameFor, roleArnProblem } from "./setup-values.js";

describe("roleArnProblem", () => {
  it.each([
    "arn:aws:iam::210987654321:role/AdminRole",
    "arn:aws:iam::210987654321:role/team/ops/ReadOnly_Access",
    "arn:aws-us-gov:iam::210987654321:role/Admin",
    "arn:aws-cn:iam::210987654321:role/a+b=c,d.e@f-g",
  ])("accepts %s", (arn) => {
    expect(roleArnProblem(arn)).toBeUndefined();
  });

  it.each([
    "AdminRole",
    "arn:aws:iam::210987654321:AdminRole",
    "arn:aws:iam::21098765432:role/Admin",
    "arn:aws:iam::210987654321:user/assume-only",
    "arn:aws:sts::210987654321:assumed-role/Admin/x",
    "arn:aws:iam::210987654321:role/",
    " arn:aws:iam::210987654321:role/Admin",
  ])("refuses %j, naming it", (text) => {
    expect(roleArnProblem(text)).toBe(
      `${JSON.stringify(text)} is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`,
    );
  });
});

describe("mfaSerialProblem", () => {
  it.each([
    "arn:aws:iam::123456789012:mfa/assume-only",
    "arn:aws:iam::123456789012:u2f/user/me/key-ABC",
    "GAHT12345678",
  ])("accepts %s", (serial) => {
    expect(mfaSerialProblem(serial)).toBeUndefined();
  });

  it.each(["123456", "arn:aws:iam::123456789012:role/Admin", "mfa/me"])("refuses %j", (text) => {
    expect(mfaSerialProblem(text)).toMatch(/is not an MFA device/);
  });
});

describe("profileNameFor", () => {
  it.each([
    ["arn:aws:iam::210987654321:role/AdminRole", "admin-role"],
    ["arn:aws:iam::210987654321:role/team/ReadOnly_Access", "read-only-access"],
    ["arn:aws:iam::210987654321:role/deploy", "deploy"],
    ["arn:aws:iam::210987654321:role/S3Reader", "s3-reader"],
  ])("%s → %s", (arn, name) => {
    expect(profileNameFor(arn)).toBe(name);
  });
});
