import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import type { ConfigData } from "../config-data.js";
import { parseSharedConfig } from "../parse-shared-config.js";
import { readProfile } from "./read-profile.js";

function configOf(text: string): ConfigData {
  return parseSharedConfig({ config: { path: "config", text } }).data;
}

describe("readProfile", () => {
  it("types every setting it knows", () => {
    const config = configOf(`
[profile dev]
source_profile = base
role_arn = arn:aws:iam::111122223333:role/Dev
mfa_serial = arn:aws:iam::111122223333:mfa/me
mfa_process = ykman oath accounts code -s aws
external_id = ext-1
role_session_name = me
duration_seconds = 7200
region = eu-west-1
credential_process = get-creds --profile dev
web_identity_token_file = /var/token
aws_access_key_id = AKIAEXAMPLEKEY
aws_secret_access_key = FAKE-secret
aws_session_token = FAKE-token
aws_account_id = 111122223333
`);
    expect(readProfile(config, "dev")).toEqual({
      name: "dev",
      sourceProfile: "base",
      roleArn: "arn:aws:iam::111122223333:role/Dev",
      mfaSerial: "arn:aws:iam::111122223333:mfa/me",
      mfaProcess: "ykman oath accounts code -s aws",
      externalId: "ext-1",
      roleSessionName: "me",
      durationSeconds: 7200,
      region: "eu-west-1",
      credentialProcess: "get-creds --profile dev",
      webIdentityTokenFile: "/var/token",
      awsAccessKeyId: "AKIAEXAMPLEKEY",
      awsSecretAccessKey: "FAKE-secret",
      awsSessionToken: "FAKE-token",
      awsAccountId: "111122223333",
    });
  });

  it("reads a name without a section as a profile without settings", () => {
    expect(readProfile(configOf(""), "only-in-store")).toEqual({ name: "only-in-store" });
  });

  it("does not see Object.prototype members as profiles", () => {
    const config = configOf("[profile a]\nregion = x\n");
    expect(readProfile(config, "toString")).toEqual({ name: "toString" });
    expect(readProfile(config, "__proto__")).toEqual({ name: "__proto__" });
  });

  it("treats an empty value as absent", () => {
    const profile = readProfile(configOf("[profile a]\nrole_arn =\nregion = x\n"), "a");
    expect(profile.roleArn).toBeUndefined();
    expect(profile.region).toBe("x");
  });

  it("rejects a sub-section where a single value belongs", () => {
    const config = configOf("[profile a]\nrole_arn =\n  x = y\n");
    expect(() => readProfile(config, "a")).toThrow(ConfigError);
    expect(() => readProfile(config, "a")).toThrow(
      'profile "a" has role_arn as a sub-section, expected a single value',
    );
  });

  it.each(["1h", "3600.5", "-1", "1e3", "0x10"])(
    "rejects duration_seconds = %s, naming profile and value",
    (value) => {
      const config = configOf(`[profile slow]\nduration_seconds = ${value}\n`);
      expect(() => readProfile(config, "slow")).toThrow(ConfigError);
      expect(() => readProfile(config, "slow")).toThrow(
        `profile "slow" has duration_seconds "${value}", which is not a whole number of seconds`,
      );
    },
  );

  it.each(["Environment", "Ec2InstanceMetadata", "EcsContainer"])(
    "accepts credential_source = %s",
    (value) => {
      const config = configOf(`[profile a]\ncredential_source = ${value}\n`);
      expect(readProfile(config, "a").credentialSource).toBe(value);
    },
  );

  it.each(["environment", "EC2InstanceMetadata", "Custom"])(
    "rejects credential_source = %s (case-sensitive, as botocore)",
    (value) => {
      const config = configOf(`[profile a]\ncredential_source = ${value}\n`);
      expect(() => readProfile(config, "a")).toThrow(`has credential_source "${value}"`);
    },
  );

  it("rejects source_profile together with credential_source", () => {
    const config = configOf(
      "[profile a]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = b\ncredential_source = Environment\n",
    );
    expect(() => readProfile(config, "a")).toThrow(
      'profile "a" contains both source_profile and credential_source',
    );
  });
});

describe("readProfile SSO settings", () => {
  const session = `
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access, codewhisperer:completions ,
`;

  it("merges the sso-session into the profile", () => {
    const config = configOf(`${session}
[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
`);
    expect(readProfile(config, "dev").sso).toEqual({
      session: {
        name: "corp",
        startUrl: "https://corp.awsapps.com/start",
        region: "eu-west-1",
        registrationScopes: ["sso:account:access", "codewhisperer:completions"],
      },
      startUrl: "https://corp.awsapps.com/start",
      region: "eu-west-1",
      accountId: "111122223333",
      roleName: "Dev",
    });
  });

  it("accepts a value repeated in profile and session when equal", () => {
    const config = configOf(
      `${session}\n[profile dev]\nsso_session = corp\nsso_region = eu-west-1\n`,
    );
    expect(readProfile(config, "dev").sso?.region).toBe("eu-west-1");
  });

  it("rejects a value that differs between profile and session, in botocore's words", () => {
    const config = configOf(
      `${session}\n[profile dev]\nsso_session = corp\nsso_region = us-east-1\n`,
    );
    let caught: unknown;
    try {
      readProfile(config, "dev");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect(caught).toMatchObject({
      message:
        "The value for sso_region is inconsistent between profile (us-east-1) and sso-session (eu-west-1).",
      hint: expect.stringContaining('profile "dev"') as unknown,
    });
  });

  it("rejects a profile value the session lacks", () => {
    const config = configOf(
      "[sso-session s]\nsso_start_url = https://x\n[profile a]\nsso_session = s\nsso_region = us-east-1\n",
    );
    expect(() => readProfile(config, "a")).toThrow(
      'profile "a" sets sso_region but its sso-session "s" does not',
    );
  });

  it("rejects an sso_session that is not defined", () => {
    const config = configOf("[profile a]\nsso_session = nope\n");
    expect(() => readProfile(config, "a")).toThrow(
      'profile "a" has sso_session "nope", which is not defined',
    );
  });

  it.each([
    ["sso_account_id = 1", 'profile "a" has sso_account_id but no sso_role_name'],
    ["sso_role_name = R", 'profile "a" has sso_role_name but no sso_account_id'],
  ])("rejects %s alone", (line, message) => {
    const config = configOf(`[profile a]\nsso_start_url = https://x\nsso_region = r\n${line}\n`);
    expect(() => readProfile(config, "a")).toThrow(message);
  });

  it("keeps the legacy form without a session", () => {
    const config = configOf(
      "[profile a]\nsso_start_url = https://x\nsso_region = r\nsso_account_id = 1\nsso_role_name = R\n",
    );
    expect(readProfile(config, "a").sso).toEqual({
      startUrl: "https://x",
      region: "r",
      accountId: "1",
      roleName: "R",
    });
  });

  it("has no SSO settings for sso_region alone", () => {
    expect(readProfile(configOf("[profile a]\nsso_region = r\n"), "a").sso).toBeUndefined();
  });
});

describe("readProfile: settings only awsafe reads", () => {
  it("reads awsafe_<key> in place of <key>, so AWS tools run credential_process instead", () => {
    const config = configOf(`
[profile admin]
credential_process = awsafe credential-process admin
awsafe_role_arn = arn:aws:iam::111122223333:role/Admin
awsafe_source_profile = base
role_arn = arn:aws:iam::111122223333:role/Other
mfa_serial = arn:aws:iam::111122223333:mfa/me
`);
    expect(readProfile(config, "admin")).toMatchObject({
      roleArn: "arn:aws:iam::111122223333:role/Admin",
      sourceProfile: "base",
      credentialProcess: "awsafe credential-process admin",
    });
  });

  it("lets an empty awsafe_<key> hide <key>, wherever each is written", () => {
    const config = configOf("[profile a]\nawsafe_role_arn =\nrole_arn = arn:aws:iam::1:role/A\n");
    expect(readProfile(config, "a").roleArn).toBeUndefined();
  });

  it("reads only the own keys of a section a caller built", () => {
    const properties = Object.assign(Object.create({ role_arn: "inherited" }) as object, {
      region: "eu-west-1",
    });
    const profile = readProfile(
      { profiles: new Map([["a", properties]]), ssoSessions: new Map() },
      "a",
    );
    expect(profile).toMatchObject({ region: "eu-west-1", roleArn: undefined });
  });

  it("names the first faulty setting in reading order, not in the order of the file", () => {
    const config = configOf(
      "[profile a]\nduration_seconds = soon\ncredential_source = nowhere\nrole_arn = r\n",
    );
    expect(() => readProfile(config, "a")).toThrow(/credential_source "nowhere"/);
  });

  it("reads awsafe_sso_* settings", () => {
    const config = configOf(`
[profile dev]
awsafe_sso_start_url = https://example.awsapps.com/start
awsafe_sso_region = us-east-1
awsafe_sso_account_id = 111122223333
awsafe_sso_role_name = Dev
`);
    expect(readProfile(config, "dev").sso).toEqual({
      startUrl: "https://example.awsapps.com/start",
      region: "us-east-1",
      accountId: "111122223333",
      roleName: "Dev",
    });
  });

  it("reads session tags and the source identity", () => {
    const config = configOf(`
[profile dev]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
session_tags = team=blue,project=x
transitive_session_tags = team
source_identity = alice
`);
    expect(readProfile(config, "dev")).toMatchObject({
      sessionTags: [
        { key: "team", value: "blue" },
        { key: "project", value: "x" },
      ],
      transitiveTagKeys: ["team"],
      sourceIdentity: "alice",
    });
  });
});
