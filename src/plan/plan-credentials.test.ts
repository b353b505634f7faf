import { describe, expect, it } from "vitest";
import type { ConfigData } from "../config/config-data.js";
import { parseSharedConfig } from "../config/parse-shared-config.js";
import { ConfigError } from "../errors.js";
import type { PlanStep } from "./credential-plan.js";
import { planCredentials } from "./plan-credentials.js";

function configOf(text: string): ConfigData {
  return parseSharedConfig({ config: { path: "config", text } }).data;
}

const mfa = "arn:aws:iam::111122223333:mfa/me";
const otherMfa = "arn:aws:iam::111122223333:mfa/other";
const admin = "arn:aws:iam::444455556666:role/Admin";
const audit = "arn:aws:iam::777788889999:role/Audit";
const keys = "aws_access_key_id = AKIAEXAMPLEBASE\naws_secret_access_key = FAKE-secret-base\n";
const stored = new Set(["base"]);

interface PlanCase {
  readonly name: string;
  readonly ini: string;
  readonly profile?: string;
  readonly stored?: ReadonlySet<string>;
  readonly steps: readonly PlanStep[];
}

const chained = { chained: true, maxDurationSeconds: 3600 } as const;

const cases: readonly PlanCase[] = [
  {
    name: "stored keys alone get a session without MFA, never reach a command directly",
    ini: "[profile base]\n",
    profile: "base",
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "sessionToken", profile: "base" },
    ],
  },
  {
    name: "long-term keys with mfa_serial and no role get an MFA session with their duration",
    ini: `[profile base]\n${keys}mfa_serial = ${mfa}\nduration_seconds = 28800\n`,
    profile: "base",
    steps: [
      { kind: "staticKeys", profile: "base", accessKeyId: "AKIAEXAMPLEBASE", temporary: false },
      {
        kind: "sessionToken",
        profile: "base",
        mfaSerial: mfa,
        mfaProfile: "base",
        durationSeconds: 28800,
      },
    ],
  },
  {
    name: "a role with MFA from long-term keys: MFA session first, then a chained AssumeRole",
    ini: `[profile base]\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nmfa_serial = ${mfa}\nmfa_process = ykman oath accounts code aws\n`,
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      {
        kind: "sessionToken",
        profile: "base",
        mfaSerial: mfa,
        mfaProcess: "ykman oath accounts code aws",
        mfaProfile: "admin",
      },
      { kind: "assumeRole", profile: "admin", roleArn: admin, ...chained },
    ],
  },
  {
    name: "a role with MFA asking for exactly one hour still uses the session",
    ini: `[profile base]\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nmfa_serial = ${mfa}\nduration_seconds = 3600\n`,
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "sessionToken", profile: "base", mfaSerial: mfa, mfaProfile: "admin" },
      { kind: "assumeRole", profile: "admin", roleArn: admin, durationSeconds: 3600, ...chained },
    ],
  },
  {
    name: "a role with MFA asking for more than an hour skips the session and sends MFA itself",
    ini: `[profile base]\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nmfa_serial = ${mfa}\nduration_seconds = 7200\n`,
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      {
        kind: "assumeRole",
        profile: "admin",
        roleArn: admin,
        durationSeconds: 7200,
        mfaSerial: mfa,
        mfaProfile: "admin",
        chained: false,
      },
    ],
  },
  {
    name: "a role without MFA is assumed straight from the keys, unchained",
    ini: `[profile base]\n${keys}[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nexternal_id = ext\nrole_session_name = me\n`,
    steps: [
      { kind: "staticKeys", profile: "base", accessKeyId: "AKIAEXAMPLEBASE", temporary: false },
      {
        kind: "assumeRole",
        profile: "admin",
        roleArn: admin,
        externalId: "ext",
        roleSessionName: "me",
        chained: false,
      },
    ],
  },
  {
    name: "two roles with the same MFA device: one session, no second prompt",
    ini: `[profile base]\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nmfa_serial = ${mfa}\n[profile audit]\nsource_profile = admin\nrole_arn = ${audit}\nmfa_serial = ${mfa}\n`,
    profile: "audit",
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "sessionToken", profile: "base", mfaSerial: mfa, mfaProfile: "admin" },
      { kind: "assumeRole", profile: "admin", roleArn: admin, ...chained },
      { kind: "assumeRole", profile: "audit", roleArn: audit, ...chained },
    ],
  },
  {
    name: "mfa_serial of the keys' profile applies to the role above it (as aws-vault does)",
    ini: `[profile base]\nmfa_serial = ${mfa}\nmfa_process = otp\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\n`,
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      {
        kind: "sessionToken",
        profile: "base",
        mfaSerial: mfa,
        mfaProcess: "otp",
        mfaProfile: "base",
      },
      { kind: "assumeRole", profile: "admin", roleArn: admin, ...chained },
    ],
  },
  {
    name: "…and a role of more than an hour is assumed straight from the keys with that device",
    ini: `[profile base]\nmfa_serial = ${mfa}\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nduration_seconds = 7200\n`,
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      {
        kind: "assumeRole",
        profile: "admin",
        roleArn: admin,
        durationSeconds: 7200,
        mfaSerial: mfa,
        mfaProfile: "base",
        chained: false,
      },
    ],
  },
  {
    name: "a later role with another MFA device keeps its own MFA",
    ini: `[profile base]\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\n[profile audit]\nsource_profile = admin\nrole_arn = ${audit}\nmfa_serial = ${otherMfa}\n`,
    profile: "audit",
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "assumeRole", profile: "admin", roleArn: admin, chained: false },
      {
        kind: "assumeRole",
        profile: "audit",
        roleArn: audit,
        mfaSerial: otherMfa,
        mfaProfile: "audit",
        ...chained,
      },
    ],
  },
  {
    name: "temporary keys in the file cannot call GetSessionToken; their role is chained",
    ini: `[profile base]\n${keys}aws_session_token = FAKE-token\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nmfa_serial = ${mfa}\n`,
    steps: [
      { kind: "staticKeys", profile: "base", accessKeyId: "AKIAEXAMPLEBASE", temporary: true },
      {
        kind: "assumeRole",
        profile: "admin",
        roleArn: admin,
        mfaSerial: mfa,
        mfaProfile: "admin",
        ...chained,
      },
    ],
  },
  {
    name: "temporary keys alone are used as they are",
    ini: `[profile base]\n${keys}aws_session_token = FAKE-token\nmfa_serial = ${mfa}\n`,
    profile: "base",
    steps: [
      { kind: "staticKeys", profile: "base", accessKeyId: "AKIAEXAMPLEBASE", temporary: true },
    ],
  },
  {
    name: "the selected profile's role beats its own stored keys",
    ini: `[profile other]\n${keys}[profile admin]\nsource_profile = other\nrole_arn = ${admin}\n`,
    stored: new Set(["admin"]),
    steps: [
      { kind: "staticKeys", profile: "other", accessKeyId: "AKIAEXAMPLEBASE", temporary: false },
      { kind: "assumeRole", profile: "admin", roleArn: admin, chained: false },
    ],
  },
  {
    name: "a source profile with stored keys uses them and ignores its own role",
    ini: `[profile base]\nrole_arn = ${audit}\nsource_profile = nowhere\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\n`,
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "assumeRole", profile: "admin", roleArn: admin, chained: false },
    ],
  },
  {
    name: "stored keys win over plain-text keys of the same profile",
    ini: `[profile base]\n${keys}`,
    profile: "base",
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "sessionToken", profile: "base" },
    ],
  },
  {
    name: "a profile that exists only in the store",
    ini: "",
    profile: "base",
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "sessionToken", profile: "base" },
    ],
  },
  {
    name: "a profile may be its own source when it has stored keys",
    ini: `[profile base]\nsource_profile = base\nrole_arn = ${admin}\nmfa_serial = ${mfa}\n`,
    profile: "base",
    stored,
    steps: [
      { kind: "storedKeys", profile: "base" },
      { kind: "sessionToken", profile: "base", mfaSerial: mfa, mfaProfile: "base" },
      { kind: "assumeRole", profile: "base", roleArn: admin, ...chained },
    ],
  },
  {
    name: "a role from SSO credentials is chained",
    ini: `[sso-session corp]\nsso_start_url = https://corp.example/start\nsso_region = eu-west-1\n[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n[profile admin]\nsource_profile = sso\nrole_arn = ${admin}\nmfa_serial = ${mfa}\n`,
    steps: [
      {
        kind: "sso",
        profile: "sso",
        session: "corp",
        startUrl: "https://corp.example/start",
        region: "eu-west-1",
        accountId: "111122223333",
        roleName: "Dev",
      },
      {
        kind: "assumeRole",
        profile: "admin",
        roleArn: admin,
        mfaSerial: mfa,
        mfaProfile: "admin",
        ...chained,
      },
    ],
  },
  {
    name: "a role from the environment is not marked chained (it may hold long-term keys)",
    ini: `[profile admin]\ncredential_source = Environment\nrole_arn = ${admin}\n`,
    steps: [
      { kind: "credentialSource", profile: "admin", source: "Environment" },
      { kind: "assumeRole", profile: "admin", roleArn: admin, chained: false },
    ],
  },
  {
    name: "credential_process as the selected profile's source",
    ini: "[profile admin]\ncredential_process = awsafe credential-process base\n",
    steps: [{ kind: "process", profile: "admin", command: "awsafe credential-process base" }],
  },
];

describe("planCredentials: sources, MFA sessions and chaining", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, testCase) => {
    const plan = planCredentials(configOf(testCase.ini), testCase.profile ?? "admin", {
      storedKeyProfiles: testCase.stored ?? new Set(),
    });
    expect(plan.steps).toEqual(testCase.steps);
  });
});

describe("planCredentials: the plan", () => {
  const config = configOf(
    `[profile base]\n${keys}region = us-east-1\n[profile admin]\nsource_profile = base\nrole_arn = ${admin}\nregion = eu-west-1\n`,
  );

  it("names the profile and its region", () => {
    expect(planCredentials(config, "admin")).toMatchObject({
      profile: "admin",
      region: "eu-west-1",
    });
  });

  it("holds no secret and survives a JSON round trip", () => {
    const plan = planCredentials(config, "admin");
    const json = JSON.stringify(plan);
    expect(json).not.toContain("FAKE-secret-base");
    expect(JSON.parse(json)).toEqual(plan);
  });

  it("is pure: the same input gives the same plan and is not modified", () => {
    const frozen = configOf(
      `[profile base]\n${keys}[profile admin]\nsource_profile = base\nrole_arn = ${admin}\n`,
    );
    const before = JSON.stringify(frozen);
    expect(planCredentials(frozen, "admin")).toEqual(planCredentials(frozen, "admin"));
    expect(JSON.stringify(frozen)).toBe(before);
  });
});

describe("planCredentials: errors", () => {
  function errorOf(ini: string, profile: string, storedKeys = new Set<string>()): ConfigError {
    try {
      planCredentials(configOf(ini), profile, { storedKeyProfiles: storedKeys });
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error(`planning "${profile}" did not fail`);
  }

  const role = (source: string): string => `role_arn = ${admin}\nsource_profile = ${source}\n`;

  it.each([
    [
      "a two-profile cycle",
      `[profile a]\n${role("b")}[profile b]\n${role("a")}`,
      "a",
      "a -> b -> a",
    ],
    [
      "a longer cycle that does not pass the selected profile",
      `[profile a]\n${role("b")}[profile b]\n${role("c")}[profile c]\n${role("b")}`,
      "a",
      "a -> b -> c -> b",
    ],
    ["a profile naming itself without keys", `[profile a]\n${role("a")}`, "a", "a -> a"],
  ])("names %s", (_, ini, profile, path) => {
    expect(errorOf(ini, profile).message).toBe(`source_profile links form a cycle: ${path}`);
  });

  it("a cycle through a profile with keys is still a cycle when that profile is selected", () => {
    const ini = `[profile a]\n${keys}${role("b")}[profile b]\n${role("a")}`;
    expect(errorOf(ini, "a").message).toContain("a -> b -> a");
  });

  it("names both profiles when a source profile is missing, and suggests a near name", () => {
    const error = errorOf(`[profile a]\n${role("bsae")}[profile base]\n${keys}`, "a");
    expect(error.message).toBe('profile "a" has source_profile "bsae", which is not defined');
    expect(error.hint).toContain('Did you mean "base"?');
  });

  it("suggests a near name for an unknown profile, including stored-only ones", () => {
    const error = errorOf("[profile production]\nregion = x\n", "prodution", new Set(["staging"]));
    expect(error.message).toBe('profile "prodution" is not defined');
    expect(error.hint).toContain('Did you mean "production"?');
  });

  it("suggests nothing for an unknown profile far from every name", () => {
    const error = errorOf("[profile production]\nregion = x\n", "zz");
    expect(error.hint).not.toContain("Did you mean");
  });

  it.each(["toString", "__proto__", "constructor"])("does not take %s for a profile", (name) => {
    expect(errorOf("[profile a]\nregion = x\n", name).message).toBe(
      `profile "${name}" is not defined`,
    );
  });

  it.each([
    ["a profile with only settings", "[profile a]\nregion = x\n", 'profile "a" has no credentials'],
    [
      "a source profile without credentials",
      `[profile a]\n${role("b")}[profile b]\nregion = x\n`,
      'profile "b" (source_profile of "a") has no credentials',
    ],
    [
      "a role without a source",
      `[profile a]\nrole_arn = ${admin}\n`,
      'profile "a" has role_arn but neither source_profile nor credential_source',
    ],
    [
      "half a key pair",
      `[profile a]\n${role("b")}[profile b]\naws_access_key_id = AKIAEXAMPLEHALF\n`,
      'profile "b" has aws_access_key_id but no aws_secret_access_key',
    ],
    [
      "a role assumed from a token-only SSO profile",
      `[sso-session s]\nsso_start_url = https://x\nsso_region = r\n[profile t]\nsso_session = s\n[profile a]\n${role("t")}`,
      'profile "a" assumes its role from profile "t", which has an SSO token but no role credentials',
    ],
    [
      "a legacy SSO profile without a region",
      "[profile a]\nsso_start_url = https://x\nsso_account_id = 1\nsso_role_name = R\n",
      'profile "a" is configured to use SSO but is missing sso_region',
    ],
    [
      "a web identity token without a role",
      "[profile a]\nweb_identity_token_file = /t\n",
      'profile "a" has web_identity_token_file but no role_arn',
    ],
  ])("rejects %s", (_, ini, message) => {
    expect(errorOf(ini, "a").message).toBe(message);
  });

  it("plans a token-only SSO profile as its token, which has no AWS credentials", () => {
    const ini =
      "[sso-session s]\nsso_start_url = https://x\nsso_region = r\n[profile a]\nsso_session = s\n";
    expect(planCredentials(configOf(ini), "a").steps).toEqual([
      { kind: "ssoToken", profile: "a", session: "s", startUrl: "https://x", region: "r" },
    ]);
  });

  it("never puts a secret in an error", () => {
    const ini = `[profile a]\n${role("b")}[profile b]\naws_secret_access_key = FAKE-secret-half\n`;
    const error = errorOf(ini, "a");
    expect(`${error.message} ${error.hint ?? ""}`).not.toContain("FAKE-secret-half");
  });

  it("ignores a broken profile the chain does not reach", () => {
    const ini = `[profile a]\n${keys}[profile broken]\nduration_seconds = soon\n`;
    expect(() => planCredentials(configOf(ini), "a")).not.toThrow();
  });
});
