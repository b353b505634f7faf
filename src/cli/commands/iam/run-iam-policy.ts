import { ExitCode, UsageError } from "../../../errors.js";
import {
  assumeOnlyPolicy,
  auditReadonlyPolicy,
  forceMfaPolicy,
  type PolicyJson,
  type PolicyName,
  roleTrustPolicy,
  rotateOwnKeysPolicy,
} from "../../../iam/generated-policies.js";
import { renderPolicy } from "../../../iam/policy-formats.js";
import type { CommandRun } from "../../command-spec.js";
import type { IamPolicyInput } from "./iam-command.js";

const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const principalPattern =
  /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|(user|role)\/[\w+=,.@/-]{1,512}))$/;

/** `awsafe iam policy <name> [options] [--format F]`: the document on stdout, nothing else. */
export const runIamPolicy: CommandRun<IamPolicyInput> = (input, io) => {
  io.stdout.write(renderPolicy(input.name, policyFor(input.name, input), input.format));
  return Promise.resolve(ExitCode.Ok);
};

function policyFor(name: PolicyName, input: IamPolicyInput): PolicyJson {
  refuseOptionsOf(name, input);
  switch (name) {
    case "force-mfa":
      return forceMfaPolicy();
    case "assume-only":
      return assumeOnlyPolicy(roleArns(input.roleArn));
    case "role-trust":
      return roleTrustPolicy({
        accountId: accountId(input.accountId),
        principals: input.principal.map(principal),
        maxMfaAgeSeconds: maxMfaAge(input.maxMfaAge),
        externalId: externalId(input.externalId),
      });
    case "rotate-own-keys":
      return rotateOwnKeysPolicy();
    case "audit-readonly":
      return auditReadonlyPolicy();
  }
}

/** An option another policy takes is a mistake, not something to ignore. */
function refuseOptionsOf(name: PolicyName, input: IamPolicyInput): void {
  const given: Array<[string, boolean, PolicyName]> = [
    ["--role-arn", input.roleArn.length > 0, "assume-only"],
    ["--account-id", input.accountId !== undefined, "role-trust"],
    ["--principal", input.principal.length > 0, "role-trust"],
    ["--max-mfa-age", input.maxMfaAge !== undefined, "role-trust"],
    ["--external-id", input.externalId !== undefined, "role-trust"],
  ];
  const stray = given.find(([, present, owner]) => present && owner !== name);
  if (stray !== undefined) {
    throw new UsageError(`${stray[0]} belongs to the ${stray[2]} policy, not ${name}`, {
      hint: `Run \`awsafe iam policy ${name}\` without it`,
    });
  }
}

function roleArns(given: readonly string[]): string[] {
  if (given.length === 0) {
    throw new UsageError("assume-only needs the roles the user may assume", {
      hint: "Add --role-arn arn:aws:iam::ACCOUNT:role/NAME (repeatable)",
    });
  }
  for (const arn of given) {
    if (!roleArnPattern.test(arn)) {
      throw new UsageError(`--role-arn ${JSON.stringify(arn)} is not a role ARN`, {
        hint: "Give it as arn:aws:iam::123456789012:role/NAME",
      });
    }
  }
  return [...new Set(given)];
}

function accountId(given: string | undefined): string {
  if (given === undefined || !/^\d{12}$/.test(given)) {
    throw new UsageError(
      given === undefined
        ? "role-trust needs --account-id"
        : `--account-id ${JSON.stringify(given)} is not a 12-digit account ID`,
      {
        hint: "Give the account whose users (or roles) will assume the role, e.g. --account-id 123456789012",
      },
    );
  }
  return given;
}

function principal(given: string): string {
  if (!principalPattern.test(given)) {
    throw new UsageError(
      `--principal ${JSON.stringify(given)} is not an IAM user, role or account`,
      {
        hint: "Give arn:aws:iam::123456789012:user/NAME, arn:aws:iam::123456789012:role/NAME or an account ID",
      },
    );
  }
  return given;
}

function maxMfaAge(given: string | undefined): number | undefined {
  if (given === undefined) return undefined;
  const seconds = Number(given);
  if (!/^\d+$/.test(given) || seconds < 1 || seconds > 129_600) {
    throw new UsageError(
      `--max-mfa-age ${JSON.stringify(given)} is not a number of seconds from 1 to 129600`,
      {
        hint: "Give seconds, e.g. --max-mfa-age 3600 (sessions last at most 36 h)",
      },
    );
  }
  return seconds;
}

function externalId(given: string | undefined): string | undefined {
  if (given !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(given)) {
    throw new UsageError(
      "--external-id must be 2 to 1224 characters of letters, digits and +=,.@:/-_",
      {
        hint: "Use the external ID the third party gave you",
      },
    );
  }
  return given;
}
