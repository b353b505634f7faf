import { describe, expect, it } from "vitest";
import { forceMfaPolicy, roleTrustPolicy } from "./generated-policies.js";
import { renderPolicy } from "./policy-formats.js";

describe("renderPolicy", () => {
  it("json: the document, stable from run to run", () => {
    const text = renderPolicy("force-mfa", forceMfaPolicy(), "json");
    expect(JSON.parse(text)).toEqual(forceMfaPolicy());
    expect(renderPolicy("force-mfa", forceMfaPolicy(), "json")).toBe(text);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["Version", "Statement"]);
  });

  it("cloudformation: a managed policy, or a role for the trust policy, holding the same document", () => {
    const template = JSON.parse(renderPolicy("force-mfa", forceMfaPolicy(), "cloudformation")) as {
      Resources: Record<string, { Type: string; Properties: { PolicyDocument: unknown } }>;
    };
    expect(template.Resources["AwsafeForceMfa"]?.Type).toBe("AWS::IAM::ManagedPolicy");
    expect(template.Resources["AwsafeForceMfa"]?.Properties.PolicyDocument).toEqual(
      forceMfaPolicy(),
    );
    const trust = roleTrustPolicy({ accountId: "123456789012", principals: [] });
    expect(renderPolicy("role-trust", trust, "cloudformation")).toContain(
      '"Type": "AWS::IAM::Role"',
    );
  });

  it("terraform: a heredoc whose policy variables reach AWS as written ($${ escapes Terraform's templates)", () => {
    const text = renderPolicy("force-mfa", forceMfaPolicy(), "terraform");
    expect(text).toMatch(/^resource "aws_iam_policy" "awsafe_force_mfa" \{\n/);
    expect(text).toContain('"arn:aws:iam::*:user/$${aws:username}"');
    expect(text).not.toMatch(/[^$]\$\{aws/);
    const body = /<<-EOT\n([\s\S]*)\n {2}EOT/.exec(text)?.[1] ?? "";
    expect(JSON.parse(body.replaceAll("$${", () => "${"))).toEqual(forceMfaPolicy());
  });
});
