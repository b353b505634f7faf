import { describe, expect, it } from "vitest";
import { parseSharedConfig } from "../../src/config/parse-shared-config.js";
import { ConfigError } from "../../src/errors.js";
import type { PlanStep } from "../../src/plan/credential-plan.js";
import { planCredentials } from "../../src/plan/plan-credentials.js";
import { readConformanceJson } from "../support/conformance.js";

interface Scenario {
  test: string;
  config: string;
  expect?: string;
  expect_error?: string;
}

/**
 * Each scenario's textual expectation, as a plan. `runtimeError` marks scenarios whose botocore
 * error happens when credentials are fetched, not when the profile is read: the plan is valid,
 * and the named error is the provider's to raise.
 */
type Expected =
  | { readonly steps: readonly Partial<PlanStep>[]; readonly runtimeError?: string }
  | { readonly configError: string };

const roleA = "arn:aws:iam::123456789:role/RoleA";
const roleB = "arn:aws:iam::123456789:role/RoleB";
const assumeA = { kind: "assumeRole", profile: "A", roleArn: roleA, chained: false } as const;
const assumeAChained = { ...assumeA, chained: true, maxDurationSeconds: 3600 } as const;

const expectations: Record<string, Expected> = {
  // "one sts:AssumeRole(RoleA) signed with B static keys"
  test_assume_role: { steps: [{ kind: "staticKeys", profile: "B" }, assumeA] },
  // "env provider loaded once, then AssumeRole(RoleA)"
  test_environment_credential_source: {
    steps: [{ kind: "credentialSource", profile: "A", source: "Environment" }, assumeA],
  },
  // "IMDS provider loaded once, then AssumeRole(RoleA)"; instance-profile credentials are a role
  // session, so the AssumeRole is chained.
  test_instance_metadata_credential_source: {
    steps: [{ kind: "credentialSource", source: "Ec2InstanceMetadata" }, assumeAChained],
  },
  // "container provider loaded once, then AssumeRole(RoleA)"
  test_container_credential_source: {
    steps: [{ kind: "credentialSource", source: "EcsContainer" }, assumeAChained],
  },
  test_invalid_credential_source: { configError: 'credential_source "CustomInvalidProvider"' },
  test_misconfigured_source_profile: {
    configError: 'profile "B" (source_profile of "A") has no credentials',
  },
  // "two AssumeRole calls: RoleB (with C keys) then RoleA (with RoleB creds)"
  test_recursive_assume_role: {
    steps: [
      { kind: "staticKeys", profile: "C" },
      { kind: "assumeRole", profile: "B", roleArn: roleB, chained: false },
      assumeAChained,
    ],
  },
  // "ONE AssumeRole call (RoleA) using B static keys; B role_arn ignored"
  test_recursive_assume_role_stops_at_static_creds: {
    steps: [{ kind: "staticKeys", profile: "B" }, assumeA],
  },
  test_infinitely_recursive_assume_role: { configError: "A -> A" },
  // "B credential_process output used to sign AssumeRole(RoleA)"
  test_process_source_profile: {
    steps: [{ kind: "process", profile: "B", command: "<python credentialprocess.py>" }, assumeA],
  },
  // "AssumeRoleWithWebIdentity(RoleB) then AssumeRole(RoleA) signed with its result"
  test_web_identity_source_profile: {
    steps: [
      { kind: "webIdentity", profile: "B", roleArn: roleB, tokenFile: "<tmp>/token" },
      assumeAChained,
    ],
  },
  // Source profiles never read AWS_ROLE_ARN; the planner reads no environment at all, so B is
  // a token file without a role.
  test_web_identity_source_profile_ignores_env_vars: { configError: "no role_arn" },
  // "sso:GetRoleCredentials then AssumeRole(RoleA)"
  test_sso_source_profile_legacy: {
    steps: [
      {
        kind: "sso",
        profile: "B",
        startUrl: "https://test.url/start",
        region: "us-east-1",
        accountId: "1234567890",
        roleName: "SSORole",
      },
      assumeAChained,
    ],
  },
  test_sso_source_profile: {
    steps: [
      {
        kind: "sso",
        profile: "B",
        session: "C",
        startUrl: "https://test.url/start",
        region: "us-east-1",
        accountId: "1234567890",
        roleName: "SSORole",
      },
      assumeAChained,
    ],
  },
  // credential_source = Environment means the AWS_ACCESS_KEY_ID pair only; with only web-identity
  // variables set, fetching fails. The plan is the same as test_environment_credential_source.
  test_web_identity_credential_source_ignores_env_vars: {
    steps: [{ kind: "credentialSource", source: "Environment" }, assumeA],
    runtimeError: "CredentialRetrievalError",
  },
  // "one AssumeRole(RoleA) signed with A own static keys"
  test_self_referential_profile: { steps: [{ kind: "staticKeys", profile: "A" }, assumeA] },
  // "account_id 1234567890 parsed from AssumedRoleUser.Arn": that parse is the provider's; the
  // plan is a plain AssumeRole into the role of that account.
  test_assume_role_resolves_account_id: {
    steps: [
      { kind: "staticKeys", profile: "B", accessKeyId: "foo" },
      { ...assumeA, roleArn: "arn:aws:iam::1234567890:role/RoleA" },
    ],
  },
};

const scenarios = (
  readConformanceJson("botocore/botocore-cases.json") as {
    assume_role_scenarios_functional: Scenario[];
  }
).assume_role_scenarios_functional;

it("has an expectation for each botocore scenario, and no other", () => {
  expect(scenarios.map((s) => s.test).sort()).toEqual(Object.keys(expectations).sort());
});

describe("botocore assume-role-scenarios", () => {
  it.each(scenarios.map((s) => [s.test, s] as const))("%s", (name, scenario) => {
    const expected = expectations[name];
    if (expected === undefined) throw new Error(`no expectation written for ${name}`);
    // Our reading of the scenario must agree with botocore on whether anything fails.
    const failsSomewhere = "configError" in expected || expected.runtimeError !== undefined;
    expect(failsSomewhere).toBe(scenario.expect_error !== undefined);
    const { data } = parseSharedConfig({ config: { path: "config", text: scenario.config } });
    const plan = () => planCredentials(data, "A");
    if ("configError" in expected) {
      expect(plan).toThrow(ConfigError);
      expect(plan).toThrow(expected.configError);
      return;
    }
    const { steps } = plan();
    expect(steps).toHaveLength(expected.steps.length);
    expect(steps).toMatchObject(expected.steps);
  });
});
