import type { Seed, SeedPolicy } from "./seed-types.js";

const PRACTICE_ACCOUNT = "123456789012";
const ROLES_ACCOUNT = "210987654321";
const MFA_PRESENT = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

// Actions the assume-only user needs before it has MFA: set up its device, get a session.
const ALLOWED_WITHOUT_MFA = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:GetUser",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "sts:GetSessionToken",
];

/** The policy of the practice (DESIGN §1.2): almost nothing without MFA. */
const ASSUME_ONLY_POLICY: SeedPolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AllowAssumeRoleOnlyWithMfa",
      Effect: "Allow",
      // Tagging and source identity are part of the AssumeRole call when a tool passes them.
      Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
      Resource: "*",
      Condition: MFA_PRESENT,
    },
    {
      Sid: "AllowManageOwnMfa",
      Effect: "Allow",
      Action: [
        "iam:CreateVirtualMFADevice",
        "iam:DeleteVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:DeactivateMFADevice",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice",
        "iam:GetUser",
      ],
      Resource: ["arn:aws:iam::*:mfa/${aws:username}", "arn:aws:iam::*:user/${aws:username}"],
    },
    {
      Sid: "AllowListVirtualMfa",
      Effect: "Allow",
      Action: "iam:ListVirtualMFADevices",
      Resource: "*",
    },
    {
      Sid: "AllowRotateOwnKeysWithMfa",
      Effect: "Allow",
      Action: [
        "iam:CreateAccessKey",
        "iam:DeleteAccessKey",
        "iam:UpdateAccessKey",
        "iam:ListAccessKeys",
        "iam:GetAccessKeyLastUsed",
      ],
      Resource: "arn:aws:iam::*:user/${aws:username}",
      Condition: MFA_PRESENT,
    },
    {
      Sid: "DenyEverythingElseWithoutMfa",
      Effect: "Deny",
      NotAction: ALLOWED_WITHOUT_MFA,
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  ],
};

function trustWithMfa(principal: string): SeedPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
        Condition: MFA_PRESENT,
      },
    ],
  };
}

/**
 * The default seed (issue 3): the practice's `assume-only` user, two MFA-protected roles in a
 * second account, and an Identity Center instance with 3 accounts × 2 permission sets.
 */
export function defaultSeed(): Seed {
  return {
    accounts: [
      { id: PRACTICE_ACCOUNT, name: "practice" },
      { id: ROLES_ACCOUNT, name: "workloads" },
    ],
    users: [
      {
        accountId: PRACTICE_ACCOUNT,
        userName: "assume-only",
        accessKeys: [{ accessKeyId: undefined, secretAccessKey: undefined }],
        mfa: { serialNumber: undefined, totpSecret: undefined },
        inlinePolicies: { AssumeOnlyWithMfa: ASSUME_ONLY_POLICY },
        managedPolicyArns: [],
        groups: [],
        loginProfile: false,
      },
    ],
    groups: [],
    roles: [
      {
        accountId: ROLES_ACCOUNT,
        roleName: "AdminRole",
        trustPolicy: trustWithMfa(`arn:aws:iam::${PRACTICE_ACCOUNT}:root`),
        inlinePolicies: {},
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        maxSessionDuration: 3600,
      },
      {
        accountId: ROLES_ACCOUNT,
        roleName: "ReadOnlyRole",
        trustPolicy: trustWithMfa(`arn:aws:iam::${PRACTICE_ACCOUNT}:user/assume-only`),
        inlinePolicies: {},
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        maxSessionDuration: 43200,
      },
    ],
    managedPolicies: [],
    oidcProviders: [],
    sso: {
      startUrl: "https://d-1234567890.awsapps.com/start",
      region: "us-east-1",
      users: ["developer"],
      permissionSets: [
        {
          name: "AdministratorAccess",
          managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
          inlinePolicy: undefined,
          sessionDuration: 3600,
        },
        {
          name: "ReadOnlyAccess",
          managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
          inlinePolicy: undefined,
          sessionDuration: 3600,
        },
      ],
      accounts: ["111111111111", "222222222222", "333333333333"].map((accountId, i) => ({
        accountId,
        accountName: ["dev", "staging", "prod"][i] ?? accountId,
        emailAddress: `aws+${accountId}@example.com`,
        permissionSets: ["AdministratorAccess", "ReadOnlyAccess"],
      })),
    },
  };
}
