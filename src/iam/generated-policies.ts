/**
 * The IAM policies `awsafe iam policy` prints. Each is built with its keys in a fixed order, so
 * the printed JSON is the same from run to run and can be diffed and committed.
 *
 * Sources: AWS's "AWS: Allows MFA-authenticated IAM users to manage their own credentials on the
 * Security credentials page" (IAM User Guide, reference_policies_examples_aws_my-sec-creds-self-manage)
 * and "IAM: Allows IAM users to self-manage an MFA device" (reference_policies_examples_iam_mfa-selfmanage),
 * as published in 2026; the trust policy follows "Configuring MFA-protected API access"
 * (id_credentials_mfa_configure-api-require).
 */

/** A policy document as printed: plain JSON values, keys in insertion order. */
export type PolicyJson = { readonly [key: string]: PolicyJsonValue };
type PolicyJsonValue = string | readonly PolicyJsonValue[] | PolicyJson;

/** The names `awsafe iam policy` takes. */
export const policyNames = [
  "force-mfa",
  "assume-only",
  "role-trust",
  "rotate-own-keys",
  "audit-readonly",
] as const;
export type PolicyName = (typeof policyNames)[number];

/** Whether a policy is attached to a user (identity) or is a role's trust policy. */
export function policyKind(name: PolicyName): "identity" | "trust" {
  return name === "role-trust" ? "trust" : "identity";
}

const OWN_USER = "arn:aws:iam::*:user/${aws:username}";
const MFA_PRESENT = { Bool: { "aws:MultiFactorAuthPresent": "true" } } as const;

/**
 * What a user may do before it has an MFA session: enrol its device and get the session. The
 * AWS page's list; it leaves out `iam:ChangePassword`, so a user given a one-time console
 * password sets up MFA first (AWS: adding it "is not recommended").
 */
export const allowedWithoutMfa: readonly string[] = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:GetUser",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "sts:GetSessionToken",
];

const denyWithoutMfa: PolicyJson = {
  Sid: "DenyAllExceptListedIfNoMFA",
  Effect: "Deny",
  NotAction: allowedWithoutMfa,
  Resource: "*",
  // Long-term keys carry no aws:MultiFactorAuthPresent at all: only ...IfExists catches them.
  Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
};

const manageOwnMfa: readonly PolicyJson[] = [
  {
    Sid: "AllowManageOwnVirtualMFADevice",
    Effect: "Allow",
    Action: ["iam:CreateVirtualMFADevice"],
    Resource: "arn:aws:iam::*:mfa/*",
  },
  {
    Sid: "AllowManageOwnUserMFA",
    Effect: "Allow",
    Action: [
      "iam:DeactivateMFADevice",
      "iam:EnableMFADevice",
      "iam:GetMFADevice",
      "iam:GetUser",
      "iam:ListMFADevices",
      "iam:ResyncMFADevice",
    ],
    Resource: OWN_USER,
  },
];

const manageOwnKeys: PolicyJson = {
  Sid: "AllowManageOwnAccessKeys",
  Effect: "Allow",
  Action: [
    "iam:CreateAccessKey",
    "iam:DeleteAccessKey",
    "iam:GetAccessKeyLastUsed",
    "iam:ListAccessKeys",
    "iam:UpdateAccessKey",
  ],
  Resource: OWN_USER,
};

/** `force-mfa`: manage one's own credentials; everything else denied without MFA. */
export function forceMfaPolicy(): PolicyJson {
  return document([
    {
      Sid: "AllowViewAccountInfo",
      Effect: "Allow",
      Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      Resource: "*",
    },
    {
      Sid: "AllowManageOwnPasswords",
      Effect: "Allow",
      Action: ["iam:ChangePassword", "iam:GetUser"],
      Resource: OWN_USER,
    },
    manageOwnKeys,
    {
      Sid: "AllowManageOwnSigningCertificates",
      Effect: "Allow",
      Action: [
        "iam:DeleteSigningCertificate",
        "iam:ListSigningCertificates",
        "iam:UpdateSigningCertificate",
        "iam:UploadSigningCertificate",
      ],
      Resource: OWN_USER,
    },
    {
      Sid: "AllowManageOwnSSHPublicKeys",
      Effect: "Allow",
      Action: [
        "iam:DeleteSSHPublicKey",
        "iam:GetSSHPublicKey",
        "iam:ListSSHPublicKeys",
        "iam:UpdateSSHPublicKey",
        "iam:UploadSSHPublicKey",
      ],
      Resource: OWN_USER,
    },
    {
      Sid: "AllowManageOwnGitCredentials",
      Effect: "Allow",
      Action: [
        "iam:CreateServiceSpecificCredential",
        "iam:DeleteServiceSpecificCredential",
        "iam:ListServiceSpecificCredentials",
        "iam:ResetServiceSpecificCredential",
        "iam:UpdateServiceSpecificCredential",
      ],
      Resource: OWN_USER,
    },
    ...manageOwnMfa,
    denyWithoutMfa,
  ]);
}

/**
 * `assume-only`: the user of the practice. It manages its own MFA device and keys, and may
 * assume the named roles, with MFA; nothing else. Its rights come from the roles.
 */
export function assumeOnlyPolicy(roleArns: readonly string[]): PolicyJson {
  return document([
    {
      Sid: "AllowListVirtualMFADevices",
      Effect: "Allow",
      Action: ["iam:ListVirtualMFADevices"],
      Resource: "*",
    },
    ...manageOwnMfa,
    manageOwnKeys,
    {
      Sid: "AllowAssumeNamedRolesWithMfa",
      Effect: "Allow",
      // awsafe sends session tags and a source identity when a profile sets them.
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
      Resource: roleArns.length === 1 ? (roleArns[0] ?? "") : roleArns,
      Condition: MFA_PRESENT,
    },
    denyWithoutMfa,
  ]);
}

/** What `role-trust` takes. */
export interface RoleTrustOptions {
  readonly accountId: string;
  /** IAM users or roles to trust; none: the account (its IAM policies then decide who). */
  readonly principals: readonly string[];
  /** Seconds since the MFA code was entered, at most (`aws:MultiFactorAuthAge`). */
  readonly maxMfaAgeSeconds?: number | undefined;
  /** Only for a third party that assumes the role from its own account. */
  readonly externalId?: string | undefined;
}

/** `role-trust`: a trust policy that lets the account (or the principals named) in with MFA. */
export function roleTrustPolicy(options: RoleTrustOptions): PolicyJson {
  const principals =
    options.principals.length === 0
      ? [`arn:aws:iam::${options.accountId}:root`]
      : options.principals;
  const condition: Record<string, PolicyJson> = { Bool: MFA_PRESENT.Bool };
  if (options.maxMfaAgeSeconds !== undefined) {
    condition.NumericLessThan = { "aws:MultiFactorAuthAge": String(options.maxMfaAgeSeconds) };
  }
  if (options.externalId !== undefined) {
    condition.StringEquals = { "sts:ExternalId": options.externalId };
  }
  return document([
    {
      Sid: "AllowAssumeRoleWithMfa",
      Effect: "Allow",
      Principal: { AWS: principals.length === 1 ? (principals[0] ?? "") : principals },
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
      Condition: condition,
    },
  ]);
}

/** The actions key rotation calls on the user's own keys (list, create, verify, deactivate, delete). */
export const rotationActions: readonly string[] = [
  "iam:CreateAccessKey",
  "iam:DeleteAccessKey",
  "iam:GetAccessKeyLastUsed",
  "iam:GetUser",
  "iam:ListAccessKeys",
  "iam:UpdateAccessKey",
];

/** `rotate-own-keys`: rotating one's own keys, from an MFA session only. */
export function rotateOwnKeysPolicy(): PolicyJson {
  return document([
    {
      Sid: "AllowRotateOwnAccessKeysWithMfa",
      Effect: "Allow",
      Action: rotationActions,
      Resource: OWN_USER,
      Condition: MFA_PRESENT,
    },
  ]);
}

/** The read-only IAM calls of `awsafe doctor` and `awsafe iam check`. */
export const auditActions: readonly string[] = [
  "iam:GenerateCredentialReport",
  "iam:GetAccountSummary",
  "iam:GetCredentialReport",
  "iam:GetGroupPolicy",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:GetRole",
  "iam:GetUser",
  "iam:GetUserPolicy",
  "iam:ListAttachedGroupPolicies",
  "iam:ListAttachedUserPolicies",
  "iam:ListGroupPolicies",
  "iam:ListGroupsForUser",
  "iam:ListRoles",
  "iam:ListUserPolicies",
];

/** `audit-readonly`: what the account checks need, nothing more (none of it reads a secret). */
export function auditReadonlyPolicy(): PolicyJson {
  return document([
    { Sid: "AllowAwsafeAccountChecks", Effect: "Allow", Action: auditActions, Resource: "*" },
  ]);
}

function document(statements: readonly PolicyJson[]): PolicyJson {
  return { Version: "2012-10-17", Statement: statements };
}
