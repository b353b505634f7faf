import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import type { CredentialPlan } from "../plan/credential-plan.js";
import { checkDuration } from "./check-duration.js";

const keys = { kind: "storedKeys", profile: "base" } as const;
const role = "arn:aws:iam::222222222222:role/Admin";
const plans: Record<string, CredentialPlan> = {
  session: { profile: "base", steps: [keys, { kind: "sessionToken", profile: "base" }] },
  role: {
    profile: "admin",
    steps: [keys, { kind: "assumeRole", profile: "admin", roleArn: role, chained: false }],
  },
  chained: {
    profile: "admin",
    steps: [
      keys,
      { kind: "sessionToken", profile: "base" },
      {
        kind: "assumeRole",
        profile: "admin",
        roleArn: role,
        chained: true,
        maxDurationSeconds: 3600,
      },
    ],
  },
  keysOnly: { profile: "base", steps: [keys] },
};

describe("checkDuration", () => {
  it.each([
    ["session", 900],
    ["session", 129_600],
    ["role", 43_200],
    ["chained", 3600],
  ])("accepts what STS accepts (%s, %i s)", (plan, seconds) => {
    expect(() => {
      checkDuration(plans[plan] as CredentialPlan, seconds);
    }).not.toThrow();
  });

  it.each([
    ["session", 899, /GetSessionToken .*900 to 129600 s \(15 min to 36 h\)/],
    ["session", 129_601, /900 to 129600 s/],
    ["role", 43_201, /AssumeRole .*900 to 43200 s \(15 min to 12 h; the role's own/],
    ["chained", 3601, /role chaining.*900 to 3600 s \(15 min to 1 h\)/],
    ["keysOnly", 3600, /nothing to apply to/],
  ])("refuses what STS would refuse (%s, %i s) as a usage error", (plan, seconds, message) => {
    const check = () => {
      checkDuration(plans[plan] as CredentialPlan, seconds);
    };
    expect(check).toThrow(UsageError);
    expect(check).toThrow(message);
  });
});
