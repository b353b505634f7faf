import { describe, expect, it } from "vitest";
import type { ConfigData, Properties } from "../../src/config/config-data.js";
import { ConfigError } from "../../src/errors.js";
import type { PlanStep } from "../../src/plan/credential-plan.js";
import { planCredentials } from "../../src/plan/plan-credentials.js";
import { readConformanceJson } from "../support/conformance.js";

type RawProfiles = Record<string, Record<string, string>>;

interface AssumeRoleCase {
  docs: string;
  input: { profiles: RawProfiles; sso_sessions?: RawProfiles; selected_profile: string };
  output: { ProfileChain: unknown[] } | { Error: string };
}

// The corpus README states this shape; the test relies on it.
const cases = readConformanceJson(
  "smithy-rs/aws/rust-runtime/aws-config/test-data/assume-role-tests.json",
) as AssumeRoleCase[];

describe("smithy-rs assume-role", () => {
  it.each(cases.map((c) => [c.docs, c] as const))("%s", (_, testCase) => {
    const config = toConfigData(testCase.input);
    const plan = () => planCredentials(config, testCase.input.selected_profile);
    if ("Error" in testCase.output) {
      // Error texts differ between implementations: compare presence and kind.
      expect(plan).toThrow(ConfigError);
      return;
    }
    const chain = plan()
      .steps.filter((step) => step.kind !== "sessionToken")
      .map((step) => toSmithyLink(step, testCase.input.profiles));
    expect(chain).toEqual(testCase.output.ProfileChain);
  });
});

/** The suite's input as the parser would hand it over: sections by name, null-prototype records. */
function toConfigData(input: AssumeRoleCase["input"]): ConfigData {
  return { profiles: toMaps(input.profiles), ssoSessions: toMaps(input.sso_sessions ?? {}) };
}

function toMaps(sections: RawProfiles): Map<string, Properties> {
  const maps = new Map<string, Properties>();
  for (const [name, properties] of Object.entries(sections)) {
    maps.set(name, Object.assign(Object.create(null) as Record<string, string>, properties));
  }
  return maps;
}

/**
 * One of our steps as a link of the suite's `ProfileChain`. The suite's `AccessKey` holds the
 * secret; our plan never does, so the keys are looked up from the input profile.
 */
function toSmithyLink(step: PlanStep, profiles: RawProfiles): unknown {
  switch (step.kind) {
    case "staticKeys": {
      const source = profiles[step.profile] ?? {};
      return {
        AccessKey: defined({
          access_key_id: step.accessKeyId,
          secret_access_key: source.aws_secret_access_key,
          account_id: source.aws_account_id,
        }),
      };
    }
    case "credentialSource":
      return { NamedSource: step.source };
    case "webIdentity":
      return {
        WebIdentityToken: defined({
          role_arn: step.roleArn,
          web_identity_token_file: step.tokenFile,
          role_session_name: step.roleSessionName,
        }),
      };
    case "ssoToken":
      return {
        Sso: defined({
          sso_session: step.session,
          sso_start_url: step.startUrl,
          sso_region: step.region,
        }),
      };
    case "sso":
      return {
        Sso: defined({
          sso_session: step.session,
          sso_start_url: step.startUrl,
          sso_region: step.region,
          sso_account_id: step.accountId,
          sso_role_name: step.roleName,
        }),
      };
    case "assumeRole":
      return {
        AssumeRole: defined({
          role_arn: step.roleArn,
          external_id: step.externalId,
          role_session_name: step.roleSessionName,
        }),
      };
    case "storedKeys":
    case "process":
    case "sessionToken":
      return { Unexpected: step };
  }
}

function defined(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
