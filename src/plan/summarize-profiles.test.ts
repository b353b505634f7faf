import { describe, expect, it } from "vitest";
import type { ConfigData } from "../config/config-data.js";
import { parseSharedConfig } from "../config/parse-shared-config.js";
import { describeCredentialSource } from "./describe-credential-source.js";
import { planCredentials } from "./plan-credentials.js";
import { summarizeProfiles } from "./summarize-profiles.js";

function configOf(text: string): ConfigData {
  return parseSharedConfig({ config: { path: "config", text } }).data;
}

const admin = "arn:aws:iam::444455556666:role/Admin";
const config = configOf(`
[profile plain]
aws_access_key_id = AKIAEXAMPLEPLAIN
aws_secret_access_key = FAKE-secret-plain
[profile admin]
source_profile = vault
role_arn = ${admin}
mfa_serial = arn:aws:iam::111122223333:mfa/me
[profile ec2]
credential_source = Ec2InstanceMetadata
role_arn = ${admin}
[profile proc]
credential_process = get-creds
[sso-session corp]
sso_start_url = https://corp.example/start
sso_region = eu-west-1
[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
[profile broken]
source_profile = nowhere
role_arn = ${admin}
[profile settings]
region = eu-west-1
[profile chained]
source_profile = settings
role_arn = ${admin}
`);
const facts = { storedKeyProfiles: new Set(["vault"]) };

describe("describeCredentialSource", () => {
  it.each([
    ["plain", "static keys in plain text"],
    ["vault", "keys in the secret store"],
    ["admin", `role ${admin} via vault with MFA`],
    ["ec2", `role ${admin} via Ec2InstanceMetadata`],
    ["proc", "process"],
    ["dev", "SSO Dev in 111122223333"],
  ])("describes %s as %j", (profile, phrase) => {
    expect(describeCredentialSource(planCredentials(config, profile, facts))).toBe(phrase);
  });
});

describe("summarizeProfiles", () => {
  const summaries = summarizeProfiles(config, facts);

  it("lists profiles from the files and the store, sorted", () => {
    expect(summaries.map((s) => s.profile)).toEqual([
      "admin",
      "broken",
      "chained",
      "dev",
      "ec2",
      "plain",
      "proc",
      "settings",
      "vault",
    ]);
  });

  it("summarises a role profile as data", () => {
    expect(summaries.find((s) => s.profile === "admin")).toMatchObject({
      status: "ok",
      source: "storedKeys",
      roleArn: admin,
      mfa: true,
      plainTextKeys: false,
    });
  });

  it("flags plain-text long-term keys", () => {
    expect(summaries.find((s) => s.profile === "plain")).toMatchObject({
      status: "ok",
      plainTextKeys: true,
    });
  });

  it("tells a profile of settings only from a broken one, unless another profile needs its credentials", () => {
    expect(summaries.find((s) => s.profile === "settings")).toEqual({
      profile: "settings",
      status: "none",
    });
    expect(summaries.find((s) => s.profile === "chained")).toMatchObject({
      status: "error",
      error: 'profile "settings" (source_profile of "chained") has no credentials',
    });
  });

  it("keeps a broken profile as one error entry", () => {
    expect(summaries.find((s) => s.profile === "broken")).toEqual({
      profile: "broken",
      status: "error",
      error: 'profile "broken" has source_profile "nowhere", which is not defined',
      hint: "Define [profile nowhere], or store keys for it with awsafe add nowhere.",
    });
  });
});
