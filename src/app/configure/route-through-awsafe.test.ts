import { describe, expect, it } from "vitest";
import { awsafeProcessProfile, routeThroughAwsafe } from "./route-through-awsafe.js";

const line = "/usr/bin/node /opt/awsafe/dist/cli.cjs credential-process admin";
const role = "arn:aws:iam::111122223333:role/Admin";

describe("routeThroughAwsafe", () => {
  it("writes role settings as awsafe_<key> when the profile is routed through awsafe", () => {
    expect(
      routeThroughAwsafe(
        "admin",
        { credential_process: line, role_arn: role, source_profile: "base", mfa_serial: "m" },
        undefined,
      ),
    ).toEqual({
      set: {
        credential_process: line,
        awsafe_role_arn: role,
        awsafe_source_profile: "base",
        mfa_serial: "m",
      },
      remove: [],
    });
  });

  it("moves the role settings a profile already has when it is routed", () => {
    expect(
      routeThroughAwsafe(
        "admin",
        { credential_process: line },
        { role_arn: role, source_profile: "base", region: "eu-west-1" },
      ),
    ).toEqual({
      set: { credential_process: line, awsafe_role_arn: role, awsafe_source_profile: "base" },
      remove: ["role_arn", "source_profile"],
    });
  });

  it("prefixes new role settings of a profile that is already routed", () => {
    expect(routeThroughAwsafe("admin", { role_arn: role }, { credential_process: line })).toEqual({
      set: { awsafe_role_arn: role },
      remove: [],
    });
  });

  it("leaves a profile alone whose credential_process is another program or profile", () => {
    const values = { role_arn: role };
    expect(
      routeThroughAwsafe("admin", values, { credential_process: "op run -- creds admin" }),
    ).toEqual({ set: values, remove: [] });
    expect(routeThroughAwsafe("other", values, { credential_process: line })).toEqual({
      set: values,
      remove: [],
    });
  });
});

describe("awsafeProcessProfile", () => {
  it("names the profile of awsafe's line, quoted or not", () => {
    expect(awsafeProcessProfile(line)).toBe("admin");
    expect(awsafeProcessProfile("'/x y/awsafe' credential-process 'a b' --backend file")).toBe(
      "a b",
    );
    expect(awsafeProcessProfile("aws-vault export --format=json admin")).toBeUndefined();
    expect(awsafeProcessProfile("awsafe credential-process 'unterminated")).toBeUndefined();
  });
});
