import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fakeKey } from "../../../test/support/fake-keys.js";
import { AuthError, UsageError } from "../../errors.js";
import type { IamMfaDevice, IamPort } from "../../ports/aws/iam.js";
import type { Questions } from "../../ports/questions.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { createMemoryStore } from "../../store/memory/memory-store.js";
import { setUpProfile, type SetupAnswers, type SetupDeps } from "./set-up-profile.js";

const key = fakeKey();
const device = "arn:aws:iam::123456789012:mfa/me";
const role = "arn:aws:iam::210987654321:role/Deploy";

function home(files: { config?: string; credentials?: string }) {
  const dir = mkdtempSync(path.join(tmpdir(), "awsafe-setup-"));
  const config = path.join(dir, "config");
  const credentials = path.join(dir, "credentials");
  if (files.config !== undefined) writeFileSync(config, files.config);
  if (files.credentials !== undefined) writeFileSync(credentials, files.credentials);
  const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
  return {
    config,
    credentials,
    context: { env, platform: { platform: "linux" as const, homedir: () => dir } },
  };
}

const plainKeys = `[me]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`;

/** IAM that lists `devices` for whoever signs, or refuses. */
function iamListing(devices: readonly string[] | AuthError): IamPort {
  const listMfaDevices = (): Promise<IamMfaDevice[]> =>
    devices instanceof AuthError
      ? Promise.reject(devices)
      : Promise.resolve(devices.map((serialNumber) => ({ serialNumber, enableDate: undefined })));
  // Setup calls ListMFADevices only; any other call is a failure of this test.
  return new Proxy({ listMfaDevices } as unknown as IamPort, {
    get: (target, name) => {
      if (name === "listMfaDevices") return listMfaDevices;
      throw new Error(`setup called IAM ${String(name)}`);
    },
  });
}

function deps(store: SecretStore, iam: IamPort, questions?: Questions): SetupDeps {
  return {
    questions,
    processLine: (profile) => `/usr/bin/node /opt/awsafe/cli.js credential-process ${profile}`,
    openStore: () => Promise.resolve(store),
    iam,
    now: () => new Date("2026-01-02T03:04:05Z"),
  };
}

const yes: SetupAnswers = {
  importProfiles: [],
  noImport: false,
  sourceProfile: undefined,
  roleArn: role,
  mfaSerial: undefined,
  profileName: undefined,
  region: undefined,
  mfaProcess: undefined,
  yes: true,
};

describe("setUpProfile --yes", () => {
  it("imports the keys, takes IAM's one MFA device, and writes the routed role profile", async () => {
    const files = home({ credentials: plainKeys, config: "[profile me]\nregion = eu-west-1\n" });
    const store = createMemoryStore();
    const result = await setUpProfile(files.context, yes, deps(store, iamListing([device])));
    expect(result).toMatchObject({ source: "me", profile: "deploy", mfaSerial: device });
    expect(result.mfaFrom).toBe("IAM ListMFADevices");
    expect(readFileSync(files.credentials, "utf8")).not.toContain(key.secretAccessKey);
    expect(readFileSync(files.config, "utf8")).toContain(
      `[profile deploy]\nawsafe_role_arn = ${role}\nawsafe_source_profile = me\nmfa_serial = ${device}\ncredential_process = /usr/bin/node /opt/awsafe/cli.js credential-process deploy\nregion = eu-west-1\n`,
    );
    expect(result.backups.map((backup) => backup.name)).toEqual([
      expect.stringMatching(/^setup\/config\/[0-9a-f]{16}$/),
      expect.stringMatching(/^setup\/credentials\/[0-9a-f]{16}$/),
    ]);
    const backup = await store.get({ kind: "backup", name: result.backups[1]?.name ?? "" });
    expect(backup?.content).toBe(plainKeys);
  });

  it("falls back to the config's device when IAM refuses, and says why to the person", async () => {
    const files = home({
      credentials: plainKeys,
      config: `[profile me]\nmfa_serial = ${device}\n`,
    });
    const result = await setUpProfile(
      files.context,
      yes,
      deps(createMemoryStore(), iamListing(new AuthError("AccessDenied"))),
    );
    expect(result).toMatchObject({ mfaSerial: device, mfaFrom: "your AWS config" });
  });

  it("refuses two devices and none in the files, before writing anything", async () => {
    const files = home({ credentials: plainKeys });
    const run = setUpProfile(
      files.context,
      yes,
      deps(createMemoryStore(), iamListing([device, `${device}2`])),
    );
    await expect(run).rejects.toThrow(/No single MFA device to use for "me" \(IAM lists 2\)/);
    await expect(run).rejects.toBeInstanceOf(UsageError);
  });

  it("runs again over its own result: keys already stored, the same profile, no question", async () => {
    const files = home({ credentials: plainKeys });
    const store = createMemoryStore();
    await setUpProfile(files.context, yes, deps(store, iamListing([device])));
    const config = readFileSync(files.config, "utf8");
    const again = await setUpProfile(
      files.context,
      { ...yes, roleArn: undefined },
      deps(store, iamListing([device])),
    );
    expect(again).toMatchObject({
      imported: undefined,
      source: "me",
      profile: "deploy",
      roleArn: role,
    });
    expect(again.changedFiles).toEqual([]);
    expect(readFileSync(files.config, "utf8")).toBe(config);
  });

  it("names the profiles with plain-text keys when --import names another", async () => {
    const files = home({ credentials: plainKeys });
    await expect(
      setUpProfile(
        files.context,
        { ...yes, importProfiles: ["prod"] },
        deps(createMemoryStore(), iamListing([device])),
      ),
    ).rejects.toThrow("--import prod: that profile has no plain-text keys to import");
  });
});

describe("setUpProfile on a terminal", () => {
  it("asks in order and writes what was answered", async () => {
    const files = home({ credentials: plainKeys });
    const asked: string[] = [];
    const questions: Questions = {
      confirm: (message) => (asked.push(`confirm: ${message}`), Promise.resolve(true)),
      select: (message, choices) => (
        asked.push(`select: ${message}`),
        Promise.resolve(choices[0]?.value ?? "")
      ),
      text: (message, question) => {
        asked.push(`text: ${message}`);
        return Promise.resolve(message.startsWith("The ARN") ? role : (question.initial ?? ""));
      },
      say: (line) => (asked.push(`say: ${line}`), Promise.resolve()),
    };
    const result = await setUpProfile(
      files.context,
      { ...yes, roleArn: undefined, yes: false },
      deps(createMemoryStore(), iamListing([device]), questions),
    );
    expect(asked.map((line) => line.slice(0, 36))).toEqual([
      "say: long-term keys in plain text in",
      'confirm: Profile "me" has plain-text',
      "select: Which MFA device protects th",
      "text: The ARN of the role you work i",
      "text: A name for the role profile (a",
    ]);
    expect(result).toMatchObject({ profile: "deploy", roleArn: role, mfaSerial: device });
  });
});
