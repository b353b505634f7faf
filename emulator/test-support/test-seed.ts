import { createHmac } from "node:crypto";
import { defaultSeed } from "../seed/default-seed.js";
import type { Seed, SeedUser } from "../seed/seed-types.js";

/** The OIDC issuer of the test seed (a host IAM knows condition keys for). */
export const TEST_ISSUER = "https://token.actions.githubusercontent.com";
/** HS256 key of the test seed's OIDC provider (a test value, not a secret). */
export const TEST_SIGNING_SECRET = "test-signing-secret-FAKE";

const allowAll = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

function user(
  userName: string,
  inlinePolicies: SeedUser["inlinePolicies"],
  mfa: boolean,
): SeedUser {
  return {
    accountId: "123456789012",
    userName,
    accessKeys: [{ accessKeyId: undefined, secretAccessKey: undefined }],
    mfa: mfa ? { serialNumber: undefined, totpSecret: undefined } : undefined,
    inlinePolicies,
    managedPolicyArns: [],
    groups: [],
    loginProfile: false,
  };
}

/**
 * The default seed plus: `federator` (allow-all, no MFA), `fresh-mfa` (ListUsers only while MFA is
 * under 5 minutes old), `PartnerRole` (ExternalId), an OIDC provider and `CiRole` trusting it.
 */
export function testSeed(): Seed {
  const base = defaultSeed();
  return {
    ...base,
    users: [
      ...base.users,
      user("federator", { AllowAll: allowAll }, false),
      user(
        "fresh-mfa",
        {
          RecentMfa: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: "iam:ListUsers",
                Resource: "*",
                Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "300" } },
              },
            ],
          },
        },
        true,
      ),
    ],
    roles: [
      ...base.roles,
      {
        accountId: "123456789012",
        roleName: "PartnerRole",
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::123456789012:root" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "sts:ExternalId": "partner-123" } },
            },
          ],
        },
        inlinePolicies: {},
        managedPolicyArns: [],
        maxSessionDuration: 3600,
      },
      {
        accountId: "123456789012",
        roleName: "CiRole",
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: {
                Federated:
                  "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
              },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" },
              },
            },
          ],
        },
        inlinePolicies: {},
        managedPolicyArns: [],
        maxSessionDuration: 3600,
      },
    ],
    oidcProviders: [
      {
        accountId: "123456789012",
        url: TEST_ISSUER,
        audiences: ["sts.amazonaws.com"],
        signingSecret: TEST_SIGNING_SECRET,
      },
    ],
  };
}

/** An HS256 JWT as the test provider would issue it. */
export function signTestJwt(claims: Record<string, unknown>, secret = TEST_SIGNING_SECRET): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}
