import { UsageError } from "../../../errors.js";
import { type PolicyName, policyNames } from "../../../iam/generated-policies.js";
import { policyFormats } from "../../../iam/policy-formats.js";
import { defineCommand, defineGroup, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption, profileArg } from "../../credential-options.js";
import { choiceOption, listOption, requiredArg, textOption } from "../../options.js";

const nameArg = requiredArg("name", `the policy: ${policyNames.join(", ")}`);
const policyArgs = {
  name: {
    ...nameArg,
    read: (raw: unknown): PolicyName => {
      const given = nameArg.read(raw);
      const found = policyNames.find((name) => name === given);
      if (found === undefined) {
        throw new UsageError(`There is no policy named ${JSON.stringify(given)}`, {
          hint: `Name one of: ${policyNames.join(", ")}`,
        });
      }
      return found;
    },
  },
};
const policyOptions = {
  roleArn: listOption("--role-arn <arn>", "assume-only: a role the user may assume (repeatable)"),
  accountId: textOption(
    "--account-id <id>",
    "role-trust: the account whose IAM principals may assume the role",
  ),
  principal: listOption(
    "--principal <arn>",
    "role-trust: trust only this IAM user or role (repeatable; default: the account, whose IAM policies then decide)",
  ),
  maxMfaAge: textOption(
    "--max-mfa-age <seconds>",
    "role-trust: the MFA code at most this old (aws:MultiFactorAuthAge)",
  ),
  externalId: textOption(
    "--external-id <id>",
    "role-trust: for a third party that assumes the role from its account",
  ),
  format: choiceOption(
    "--format <format>",
    "json, or wrapped for cloudformation or terraform",
    policyFormats,
    "json",
  ),
};
const checkArgs = { profile: profileArg };
const checkOptions = { json: jsonOption("print the findings as JSON"), backend: backendOption() };

/** What `awsafe iam policy` is given. */
export type IamPolicyInput = InputOf<typeof policyArgs, typeof policyOptions>;
/** What `awsafe iam check` is given. */
export type IamCheckInput = InputOf<typeof checkArgs, typeof checkOptions>;

/** `awsafe iam policy|check`. */
export const iamCommand = defineGroup({
  name: "iam",
  description:
    "generate the practice's IAM policies, and check an IAM user and its roles against it",
  examples: [
    "awsafe iam policy force-mfa",
    "awsafe iam policy assume-only --role-arn arn:aws:iam::210987654321:role/AdminRole",
    "awsafe iam check audit",
  ],
  subcommands: [
    defineCommand({
      name: "policy",
      examples: [
        "awsafe iam policy force-mfa",
        "awsafe iam policy assume-only --role-arn arn:aws:iam::210987654321:role/AdminRole",
        "awsafe iam policy role-trust --account-id 123456789012 --format terraform",
      ],
      description:
        "print a policy document (valid JSON, stable key order), or a CloudFormation or Terraform resource",
      args: policyArgs,
      options: policyOptions,
      load: async () => (await import("./run-iam-policy.js")).runIamPolicy,
    }),
    defineCommand({
      name: "check",
      examples: ["awsafe iam check audit", "awsafe iam check audit --json"],
      description:
        "read the IAM user behind a profile and the roles its profiles assume, and say what it can do without MFA",
      args: checkArgs,
      options: checkOptions,
      load: async () => (await import("./run-iam-check.js")).runIamCheck,
    }),
  ],
});
