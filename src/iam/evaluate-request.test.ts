import { describe, expect, it } from "vitest";
import { userRequestContext, type MfaState } from "./caller-context.js";
import { evaluateRequest, isAllowed } from "./evaluate-request.js";
import { assumeOnlyPolicy, forceMfaPolicy, roleTrustPolicy } from "./generated-policies.js";
import { readPolicyDocument } from "./policy-document.js";

// The evaluation cases of the practice (the force-MFA policy and an MFA-protected role).
const user = {
  arn: "arn:aws:iam::123456789012:user/alice",
  userName: "alice",
  userId: "AIDAALICE",
};
const role = "arn:aws:iam::210987654321:role/AdminRole";
const now = new Date("2026-12-01T00:00:00Z");
const allowAllJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
const allowAll = readPolicyDocument(allowAllJson);

function decide(
  policies: readonly object[],
  action: string,
  resource: string,
  mfa: MfaState,
  trust?: object,
) {
  return evaluateRequest(
    {
      identity: policies.map((p) => readPolicyDocument(p)),
      resource: trust === undefined ? undefined : readPolicyDocument(trust),
    },
    {
      principal: user.arn,
      action,
      resource,
      resourceAccount: /:(\d{12}):/.exec(resource)?.[1] ?? "123456789012",
      context: userRequestContext(user, mfa, now),
    },
  ).result;
}

describe("evaluateRequest on the practice's cases", () => {
  const forceMfa = forceMfaPolicy();
  it("long-term keys calling s3:ListBucket: denied by the deny without MFA, even beside allow-all", () => {
    expect(
      evaluateRequest(
        { identity: [readPolicyDocument(forceMfa), allowAll] },
        {
          principal: user.arn,
          action: "s3:ListBucket",
          resource: "arn:aws:s3:::bucket",
          resourceAccount: "123456789012",
          context: userRequestContext(user, "long-term-keys", now),
        },
      ).result,
    ).toBe("ExplicitlyDenied");
  });

  it("an MFA session: its own keys allowed, another user's implicitly denied", () => {
    expect(decide([forceMfa], "iam:CreateAccessKey", user.arn, "mfa-session")).toBe("Allowed");
    expect(
      decide(
        [forceMfa],
        "iam:CreateAccessKey",
        "arn:aws:iam::123456789012:user/bob",
        "mfa-session",
      ),
    ).toBe("ImplicitlyDenied");
  });

  it("a session made without MFA is denied like long-term keys (aws:MultiFactorAuthPresent false)", () => {
    expect(decide([forceMfa], "iam:ListAccessKeys", user.arn, "session-without-mfa")).toBe(
      "ExplicitlyDenied",
    );
  });

  it("AssumeRole across accounts: allowed only when identity and trust allow, with MFA", () => {
    const identity = assumeOnlyPolicy([role]);
    const trust = roleTrustPolicy({ accountId: "123456789012", principals: [] });
    expect(decide([identity], "sts:AssumeRole", role, "mfa-session", trust)).toBe("Allowed");
    expect(decide([identity], "sts:AssumeRole", role, "long-term-keys", trust)).toBe(
      "ExplicitlyDenied",
    );
    expect(decide([allowAllJson], "sts:AssumeRole", role, "long-term-keys", trust)).toBe(
      "ImplicitlyDenied",
    );
    expect(decide([], "sts:AssumeRole", role, "mfa-session", trust)).toBe("ImplicitlyDenied");
  });

  it("a trust naming the user itself in the same account needs no identity policy", () => {
    const sameAccountRole = "arn:aws:iam::123456789012:role/Ops";
    const trust = roleTrustPolicy({ accountId: "123456789012", principals: [user.arn] });
    expect(decide([], "sts:AssumeRole", sameAccountRole, "mfa-session", trust)).toBe("Allowed");
    const byAccount = roleTrustPolicy({ accountId: "123456789012", principals: [] });
    expect(decide([], "sts:AssumeRole", sameAccountRole, "mfa-session", byAccount)).toBe(
      "ImplicitlyDenied",
    );
  });

  it("reports a condition outside its subset as not evaluated, and never guesses", () => {
    const dated = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
        },
      ],
    };
    const decision = evaluateRequest(
      { identity: [readPolicyDocument(dated)] },
      {
        principal: user.arn,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        resourceAccount: "123456789012",
        context: userRequestContext(user, "mfa-session", now),
      },
    );
    expect(decision).toMatchObject({ result: "NotEvaluated", allowed: undefined });
    expect(isAllowed(decision)).toBeUndefined();
    // A definite explicit deny stands whatever the undecided statement would say.
    const denied = evaluateRequest(
      { identity: [readPolicyDocument(dated), readPolicyDocument(forceMfa)] },
      {
        principal: user.arn,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        resourceAccount: "123456789012",
        context: userRequestContext(user, "long-term-keys", now),
      },
    );
    expect(denied.result).toBe("ExplicitlyDenied");
  });

  it("sts:GetCallerIdentity is always allowed", () => {
    expect(decide([], "sts:GetCallerIdentity", "*", "long-term-keys")).toBe("Allowed");
  });
});
