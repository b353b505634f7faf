import type { PolicyJson, PolicyName } from "./generated-policies.js";
import { policyKind } from "./generated-policies.js";

/** How `awsafe iam policy` prints a document. */
export const policyFormats = ["json", "cloudformation", "terraform"] as const;
export type PolicyFormat = (typeof policyFormats)[number];

/**
 * The document as JSON, or wrapped as one resource of a CloudFormation template (a managed
 * policy, or a role for a trust policy) or of a Terraform configuration (`aws_iam_policy`,
 * `aws_iam_role`). The document itself is the same in all three.
 */
export function renderPolicy(name: PolicyName, policy: PolicyJson, format: PolicyFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(policy, null, 2)}\n`;
    case "cloudformation":
      return `${JSON.stringify(cloudFormation(name, policy), null, 2)}\n`;
    case "terraform":
      return terraform(name, policy);
  }
}

function logicalId(name: PolicyName): string {
  return `Awsafe${name.replace(/(^|-)([a-z])/g, (_m, _dash: string, letter: string) => letter.toUpperCase())}`;
}

function cloudFormation(name: PolicyName, policy: PolicyJson): PolicyJson {
  const resource: PolicyJson =
    policyKind(name) === "trust"
      ? {
          Type: "AWS::IAM::Role",
          Properties: {
            Description: "Assumable only with MFA (awsafe iam policy role-trust)",
            AssumeRolePolicyDocument: policy,
          },
        }
      : {
          Type: "AWS::IAM::ManagedPolicy",
          Properties: {
            ManagedPolicyName: `awsafe-${name}`,
            Description: `awsafe iam policy ${name}`,
            PolicyDocument: policy,
          },
        };
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `awsafe iam policy ${name}`,
    Resources: { [logicalId(name)]: resource },
  };
}

// Terraform reads "${" and "%{" in a heredoc as its own templates: IAM's policy variables
// (${aws:username}) must be written "$${" to reach AWS as they are.
function terraform(name: PolicyName, policy: PolicyJson): string {
  const body = JSON.stringify(policy, null, 2)
    .replaceAll("${", () => "$${")
    .replaceAll("%{", "%%{")
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
  const id = name.replaceAll("-", "_");
  if (policyKind(name) === "trust") {
    return [
      `resource "aws_iam_role" "awsafe_${id}" {`,
      `  name               = "awsafe-${name}"`,
      `  assume_role_policy = <<-EOT`,
      body,
      "  EOT",
      "}",
      "",
    ].join("\n");
  }
  return [
    `resource "aws_iam_policy" "awsafe_${id}" {`,
    `  name        = "awsafe-${name}"`,
    `  description = "awsafe iam policy ${name}"`,
    `  policy      = <<-EOT`,
    body,
    "  EOT",
    "}",
    "",
  ].join("\n");
}
