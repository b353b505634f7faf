import {
  assumeOnlyPolicy,
  auditReadonlyPolicy,
  roleTrustPolicy,
} from "../../src/iam/generated-policies.js";
import type { Seed, SeedPolicy, SeedRole, SeedUser } from "./seed-types.js";

// Two accounts for `awsafe doctor` and `awsafe iam check`: one kept as the practice says, one
// with every mistake the checks look for. Both use the policies awsafe generates where the
// practice applies them, so the checks are also a test of those.

const IDENTITY = "123456789012";
const WORKLOADS = "210987654321";
const ADMIN_ROLE = `arn:aws:iam::${WORKLOADS}:role/AdminRole`;
const AUDIT_ROLE = `arn:aws:iam::${IDENTITY}:role/AuditRole`;

function asSeedPolicy(policy: object): SeedPolicy {
  return JSON.parse(JSON.stringify(policy)) as SeedPolicy;
}

function role(
  accountId: string,
  roleName: string,
  trust: object,
  more: Partial<SeedRole> = {},
): SeedRole {
  return {
    accountId,
    roleName,
    trustPolicy: asSeedPolicy(trust),
    inlinePolicies: {},
    managedPolicyArns: [],
    maxSessionDuration: 3600,
    ...more,
  };
}

function user(userName: string, more: Partial<SeedUser> = {}): SeedUser {
  return {
    accountId: IDENTITY,
    userName,
    accessKeys: [
      { accessKeyId: undefined, secretAccessKey: undefined, ageDays: 10, lastUsedDaysAgo: 1 },
    ],
    mfa: undefined,
    inlinePolicies: {},
    managedPolicyArns: [],
    groups: [],
    loginProfile: false,
    ...more,
  };
}

// Roles that are not findings whatever their trust: AWS's own (service-linked, Identity Center)
// and federated ones (MFA is the identity provider's job).
const notFindings: readonly SeedRole[] = [
  role(
    IDENTITY,
    "AWSServiceRoleForSupport",
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "support.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    },
    { path: "/aws-service-role/support.amazonaws.com/" },
  ),
  role(
    IDENTITY,
    "AWSReservedSSO_ReadOnly_0123456789abcdef",
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: {
            Federated: `arn:aws:iam::${IDENTITY}:saml-provider/AWSSSO_0123_DO_NOT_DELETE`,
          },
          Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
        },
      ],
    },
    { path: "/aws-reserved/sso.amazonaws.com/" },
  ),
  role(IDENTITY, "GitHubActionsRole", {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: {
          Federated: `arn:aws:iam::${IDENTITY}:oidc-provider/token.actions.githubusercontent.com`,
        },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } },
      },
    ],
  }),
];

/**
 * The practice: root with MFA and no keys (the workloads account has no root credentials at
 * all, as under centralized root access management); one IAM user, `assume-only`, with MFA, no
 * console password, a recent key and the `assume-only` policy; `AuditRole` (the
 * `audit-readonly` policy) in its account and `AdminRole` in the workloads account, both
 * trusting the identity account with MFA (`role-trust`).
 */
export function compliantSeed(): Seed {
  const trust = roleTrustPolicy({ accountId: IDENTITY, principals: [] });
  return {
    accounts: [
      {
        id: IDENTITY,
        name: "identity",
        root: {
          mfa: true,
          password: true,
          accessKeys: 0,
          passwordLastUsedDaysAgo: 200,
          accessKeyLastUsedDaysAgo: undefined,
        },
      },
      {
        id: WORKLOADS,
        name: "workloads",
        root: {
          mfa: false,
          password: false,
          accessKeys: 0,
          passwordLastUsedDaysAgo: undefined,
          accessKeyLastUsedDaysAgo: undefined,
        },
      },
    ],
    users: [
      user("assume-only", {
        mfa: { serialNumber: undefined, totpSecret: undefined },
        inlinePolicies: { AssumeOnly: asSeedPolicy(assumeOnlyPolicy([ADMIN_ROLE, AUDIT_ROLE])) },
      }),
    ],
    groups: [],
    roles: [
      role(IDENTITY, "AuditRole", trust, {
        inlinePolicies: { AuditReadonly: asSeedPolicy(auditReadonlyPolicy()) },
      }),
      ...notFindings,
      role(WORKLOADS, "AdminRole", trust, {
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      }),
    ],
    managedPolicies: [],
    oidcProviders: [],
    sso: undefined,
  };
}

const allowAll = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

/**
 * Every mistake the checks know: root with an access key, used two days ago, and no MFA; `admin`
 * (the keys this machine uses) with AdministratorAccess and no MFA device; `alice` with a console
 * password and no MFA; `ci-bot` with a 200-day-old key unused for 100 days; `legacy,ops` (a name
 * with a comma, as IAM allows) in a group with an allow-all policy; `OpsRole` trusting the
 * account root without MFA, `WeakRole` with `BoolIfExists` (which long-term keys pass) and
 * `OpenRole` trusting everyone.
 */
export function carelessSeed(): Seed {
  const trust = (principal: unknown, condition?: object) => ({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: principal,
        Action: "sts:AssumeRole",
        ...(condition === undefined ? {} : { Condition: condition }),
      },
    ],
  });
  return {
    accounts: [
      {
        id: IDENTITY,
        name: "careless",
        root: {
          mfa: false,
          password: true,
          accessKeys: 1,
          passwordLastUsedDaysAgo: 1,
          accessKeyLastUsedDaysAgo: 2,
        },
      },
    ],
    users: [
      user("admin", {
        accessKeys: [
          { accessKeyId: undefined, secretAccessKey: undefined, ageDays: 30, lastUsedDaysAgo: 0 },
        ],
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      }),
      user("alice", { loginProfile: true, passwordLastUsedDaysAgo: 5, accessKeys: [] }),
      user("ci-bot", {
        accessKeys: [
          {
            accessKeyId: undefined,
            secretAccessKey: undefined,
            ageDays: 200,
            lastUsedDaysAgo: 100,
          },
        ],
        inlinePolicies: {
          Deploy: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::deploy-bucket/*" },
            ],
          },
        },
      }),
      user("legacy,ops", { groups: ["admins"] }),
    ],
    groups: [
      {
        accountId: IDENTITY,
        groupName: "admins",
        inlinePolicies: { AllowAll: allowAll },
        managedPolicyArns: [],
      },
    ],
    roles: [
      role(IDENTITY, "OpsRole", trust({ AWS: `arn:aws:iam::${IDENTITY}:root` }), {
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      }),
      role(
        IDENTITY,
        "WeakRole",
        trust(
          { AWS: `arn:aws:iam::${IDENTITY}:root` },
          {
            BoolIfExists: { "aws:MultiFactorAuthPresent": "true" },
          },
        ),
      ),
      role(IDENTITY, "OpenRole", trust({ AWS: "*" })),
      ...notFindings,
    ],
    managedPolicies: [],
    oidcProviders: [],
    sso: undefined,
  };
}

/** The seeds `npm run emulator -- --preset NAME` starts with. */
export const presetSeeds: Readonly<Record<string, () => Seed>> = {
  compliant: compliantSeed,
  careless: carelessSeed,
};
