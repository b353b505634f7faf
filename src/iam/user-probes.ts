import { type IamUserCaller, type MfaState, userRequestContext } from "./caller-context.js";
import { type Decision, evaluateRequest } from "./evaluate-request.js";
import type { PolicyDocument } from "./policy-document.js";

/** One request the checks try, and whether the practice lets a user make it without MFA. */
export interface Probe {
  readonly label: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** Part of enrolling MFA and getting a session: fine without MFA. */
  readonly selfService: boolean;
  /** The trust policy of the role an `sts:AssumeRole` probe names, when known. */
  readonly trust?: PolicyDocument | undefined;
}

/** A role the user's profiles assume, with its trust policy when it could be read. */
export interface ProbedRole {
  readonly arn: string;
  readonly trust: PolicyDocument | undefined;
}

/**
 * The requests that show what an IAM user can do: the self-service ones (MFA enrolment, a
 * session), its own keys and password, another user's keys, privilege escalation (attaching a
 * policy to itself), reading the account, a data call in S3 and EC2, federation tokens, and
 * `sts:AssumeRole` into each role given.
 */
export function userProbes(user: IamUserCaller, roles: readonly ProbedRole[]): Probe[] {
  const account = /^arn:[^:]*:iam::(\d{12}):/.exec(user.arn)?.[1] ?? "";
  const iam = (resource: string) => `arn:aws:iam::${account}:${resource}`;
  const own = user.arn;
  const probe = (label: string, action: string, resource: string, selfService = false): Probe => ({
    label,
    action,
    resource,
    resourceAccount: account,
    selfService,
  });
  return [
    probe("get a session (sts:GetSessionToken)", "sts:GetSessionToken", "*", true),
    probe(
      "create its virtual MFA device",
      "iam:CreateVirtualMFADevice",
      iam(`mfa/${user.userName}`),
      true,
    ),
    probe("enable its MFA device", "iam:EnableMFADevice", own, true),
    probe("list its MFA devices", "iam:ListMFADevices", own, true),
    probe("read its own user (iam:GetUser)", "iam:GetUser", own, true),
    probe("deactivate its MFA device", "iam:DeactivateMFADevice", own),
    probe("change its sign-in password", "iam:ChangePassword", own),
    probe("list its access keys", "iam:ListAccessKeys", own),
    probe("create an access key for itself", "iam:CreateAccessKey", own),
    probe("create an access key for another user", "iam:CreateAccessKey", iam("user/someone-else")),
    probe("attach a policy to itself", "iam:AttachUserPolicy", own),
    probe("put an inline policy on itself", "iam:PutUserPolicy", own),
    probe("create a user", "iam:CreateUser", iam("user/new-user")),
    probe("list the account's users", "iam:ListUsers", "*"),
    probe("read the account summary", "iam:GetAccountSummary", "*"),
    probe("list the account's roles", "iam:ListRoles", "*"),
    probe(
      "get a federation token",
      "sts:GetFederationToken",
      `arn:aws:sts::${account}:federated-user/${user.userName}`,
    ),
    probe("list an S3 bucket", "s3:ListBucket", "arn:aws:s3:::any-bucket"),
    probe("describe EC2 instances", "ec2:DescribeInstances", "*"),
    ...roles.map((role) => ({
      label: `assume ${role.arn}`,
      action: "sts:AssumeRole",
      resource: role.arn,
      resourceAccount: /^arn:[^:]*:iam::(\d{12}):/.exec(role.arn)?.[1] ?? "",
      selfService: false,
      trust: role.trust,
    })),
  ];
}

/**
 * Whether `user`, holding `policies`, may make the probe's request in the MFA state given.
 * `sts:GetSessionToken` and `sts:GetCallerIdentity` need no permission (AWS: "no permissions
 * are required"); everything else is evaluated, with the role's trust policy for AssumeRole.
 */
export function evaluateProbe(
  policies: readonly PolicyDocument[],
  user: IamUserCaller,
  probe: Probe,
  mfa: MfaState,
  now: Date,
): Decision {
  if (probe.action === "sts:GetSessionToken") return { result: "Allowed" };
  return evaluateRequest(
    { identity: policies, resource: probe.trust },
    {
      principal: user.arn,
      action: probe.action,
      resource: probe.resource,
      resourceAccount: probe.resourceAccount,
      context: userRequestContext(user, mfa, now),
    },
  );
}
