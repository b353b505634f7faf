import { describe, expect, it } from "vitest";
import { readPolicyDocument } from "./policy-document.js";
import { analyzeTrust } from "./trust-analysis.js";

const role = "arn:aws:iam::123456789012:role/Ops";
const now = new Date("2026-12-01T00:00:00Z");
const trust = (principal: unknown, condition?: object, action: unknown = "sts:AssumeRole") =>
  readPolicyDocument({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: principal,
        Action: action,
        ...(condition === undefined ? {} : { Condition: condition }),
      },
    ],
  });
const root = { AWS: "arn:aws:iam::123456789012:root" };

describe("analyzeTrust", () => {
  it.each([
    ["Bool true", { Bool: { "aws:MultiFactorAuthPresent": "true" } }, "requires-mfa"],
    ["MFA age", { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }, "requires-mfa"],
    ["no condition", undefined, "without-mfa"],
    [
      "BoolIfExists true (weak)",
      { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } },
      "without-mfa",
    ],
    ["an external ID only", { StringEquals: { "sts:ExternalId": "partner" } }, "external-id"],
    [
      "a date test",
      { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
      "not-evaluated",
    ],
  ])("an account root trusted with %s: %s", (_name, condition, kind) => {
    expect(analyzeTrust(trust(root, condition), role, now).kind).toBe(kind);
  });

  it("flags BoolIfExists as weak and * as anyone", () => {
    expect(
      analyzeTrust(
        trust(root, { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }),
        role,
        now,
      ),
    ).toMatchObject({ weak: true, anyone: false });
    expect(analyzeTrust(trust("*"), role, now)).toMatchObject({
      kind: "without-mfa",
      anyone: true,
    });
  });

  it("a statement that never tests MFA is a finding even when its other conditions shut the worst case out", () => {
    const ci = trust(root, {
      ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/Ci" },
    });
    expect(analyzeTrust(ci, role, now)).toMatchObject({
      kind: "without-mfa",
      who: ["arn:aws:iam::123456789012:root"],
    });
  });

  it("leaves services and federated identities alone", () => {
    expect(analyzeTrust(trust({ Service: "ec2.amazonaws.com" }), role, now).kind).toBe("not-iam");
    const saml = trust(
      { Federated: "arn:aws:iam::123456789012:saml-provider/Okta" },
      undefined,
      "sts:AssumeRoleWithSAML",
    );
    expect(analyzeTrust(saml, role, now).kind).toBe("not-iam");
  });

  it("tries a named role as a session: a role without MFA context gets in", () => {
    expect(
      analyzeTrust(trust({ AWS: "arn:aws:iam::123456789012:role/Ci" }), role, now),
    ).toMatchObject({
      kind: "without-mfa",
      who: ["arn:aws:iam::123456789012:role/Ci"],
    });
  });
});
