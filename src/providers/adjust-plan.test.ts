import { describe, expect, it } from "vitest";
import type { CredentialPlan } from "../plan/credential-plan.js";
import { adjustPlan } from "./adjust-plan.js";

const serial = "arn:aws:iam::111111111111:mfa/alice";
const role = "arn:aws:iam::222222222222:role/Admin";
const keys = { kind: "storedKeys", profile: "alice" } as const;
const session = {
  kind: "sessionToken",
  profile: "alice",
  mfaSerial: serial,
  mfaProcess: "otp",
  mfaProfile: "admin",
} as const;
const sessionThenRole: CredentialPlan = {
  profile: "admin",
  steps: [
    keys,
    session,
    {
      kind: "assumeRole",
      profile: "admin",
      roleArn: role,
      chained: true,
      maxDurationSeconds: 3600,
    },
  ],
};
const sessionOnly: CredentialPlan = { profile: "alice", steps: [keys, session] };
const directRole = {
  kind: "assumeRole",
  profile: "admin",
  roleArn: role,
  mfaSerial: serial,
  mfaProcess: "otp",
  mfaProfile: "admin",
  chained: false,
} as const;

describe("adjustPlan", () => {
  it("leaves a plan alone without options", () => {
    expect(adjustPlan(sessionThenRole, {})).toEqual(sessionThenRole);
  });

  it("--no-session moves the MFA device to the role, which is no longer chained", () => {
    expect(adjustPlan(sessionThenRole, { noSession: true }).steps).toEqual([keys, directRole]);
  });

  it("--duration over an hour skips the session so the role is not capped", () => {
    expect(adjustPlan(sessionThenRole, { durationSeconds: 7200 }).steps).toEqual([
      keys,
      { ...directRole, durationSeconds: 7200 },
    ]);
  });

  it("--duration of an hour or less keeps the session and sets the role's duration", () => {
    const steps = adjustPlan(sessionThenRole, { durationSeconds: 1800 }).steps;
    expect(steps[1]).toEqual(session);
    expect(steps[2]).toMatchObject({ durationSeconds: 1800, chained: true });
  });

  it("--duration sets the session's lifetime when the session is the result", () => {
    expect(adjustPlan(sessionOnly, { durationSeconds: 900 }).steps[1]).toMatchObject({
      durationSeconds: 900,
    });
  });

  it("--no-session without a role hands out the source alone", () => {
    expect(adjustPlan(sessionOnly, { noSession: true }).steps).toEqual([keys]);
  });

  it("sessionOnly keeps the keys' session with its MFA device and drops the roles", () => {
    expect(adjustPlan(sessionThenRole, { sessionOnly: true }).steps).toEqual([keys, session]);
    expect(adjustPlan(sessionOnly, { sessionOnly: true }).steps).toEqual([keys, session]);
  });

  it("sessionOnly on a plan without a session step, or with --no-session, is the source alone", () => {
    const roleOnly: CredentialPlan = { profile: "admin", steps: [keys, directRole] };
    expect(adjustPlan(roleOnly, { sessionOnly: true }).steps).toEqual([keys]);
    expect(adjustPlan(sessionThenRole, { sessionOnly: true, noSession: true }).steps).toEqual([
      keys,
    ]);
  });
});
