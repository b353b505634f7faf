import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import {
  control,
  nextTotp,
  seedUser,
  userCredentials,
} from "../../emulator/test-support/emulator-fixture.js";
import { errorText, hintOf, rejectionOf } from "../../test/support/error-text.js";
import { AuthError, ConfigError, ExitCode } from "../errors.js";
import { AwsUnavailableError } from "../ports/aws/aws-errors.js";
import type { TemporaryCredentials } from "../ports/aws/credentials.js";
import type { IamPort } from "../ports/aws/iam.js";
import { createIamAdapter } from "./iam-adapter.js";
import { createStsAdapter } from "./sts-adapter.js";

const context = { profile: "practice" };
let emulator: RunningEmulator;
let iam: IamPort;
let env: { AWS_ENDPOINT_URL: string };
let mfaSession: TemporaryCredentials;

const user = () => seedUser(emulator, "assume-only");

beforeAll(async () => {
  emulator = await start({ port: 0 });
  env = { AWS_ENDPOINT_URL: emulator.url };
  iam = createIamAdapter({ env });
  // The practice's policy allows key rotation only from a session made with MFA.
  mfaSession = await createStsAdapter({ env }).getSessionToken(
    userCredentials(user()),
    {
      durationSeconds: 3600,
      mfa: {
        serialNumber: user().mfaSerial ?? "",
        tokenCode: await nextTotp(emulator, user().totpSecret),
      },
    },
    context,
  );
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await control(emulator, "DELETE", "faults");
  await control(emulator, "DELETE", "stats");
  await control(emulator, "DELETE", "page-limit");
});

describe("the IAM adapter against the emulator", () => {
  it("reads the user of an MFA session", async () => {
    expect(await iam.getUser(mfaSession, context)).toEqual({
      userName: "assume-only",
      arn: "arn:aws:iam::123456789012:user/assume-only",
      userId: expect.stringMatching(/^AIDA/) as unknown,
    });
  });

  it("rotates: lists, creates a second key, refuses a third, deactivates and deletes the second", async () => {
    const original = user().accessKeyId ?? "";
    expect(await iam.listAccessKeys(mfaSession, undefined, context)).toEqual([
      { accessKeyId: original, status: "Active", createDate: expect.any(Date) as unknown },
    ]);

    const created = await iam.createAccessKey(mfaSession, undefined, context);
    expect(created.accessKeyId).toMatch(/^AKIA/);
    expect(created.secretAccessKey).not.toBe("");

    const third = await rejectionOf(iam.createAccessKey(mfaSession, undefined, context));
    expect(third).toBeInstanceOf(AuthError);
    expect(String(third)).toContain("the user already has two access keys");
    for (const secret of [
      created.secretAccessKey,
      mfaSession.secretAccessKey,
      mfaSession.sessionToken,
    ]) {
      expect(errorText(third)).not.toContain(secret);
    }

    await iam.updateAccessKey(
      mfaSession,
      { accessKeyId: created.accessKeyId, status: "Inactive" },
      "assume-only",
      context,
    );
    await control(emulator, "POST", "page-limit", { maxItems: 1 });
    await control(emulator, "DELETE", "stats");
    const keys = await iam.listAccessKeys(mfaSession, "assume-only", context);
    expect(keys.map((k) => [k.accessKeyId, k.status])).toEqual([
      [original, "Active"],
      [created.accessKeyId, "Inactive"],
    ]);
    expect(await callCount("iam:ListAccessKeys")).toBe(2);

    await iam.deleteAccessKey(mfaSession, created.accessKeyId, undefined, context);
    const left = await iam.listAccessKeys(mfaSession, undefined, context);
    expect(left.map((k) => k.accessKeyId)).toEqual([original]);
  });

  it("reads when and where a key was last used, and nothing for an unused one", async () => {
    const used = await iam.getAccessKeyLastUsed(mfaSession, user().accessKeyId ?? "", context);
    expect(used.lastUsedDate).toBeInstanceOf(Date);
    expect(used).toMatchObject({ serviceName: "sts", region: "us-east-1" });

    const fresh = await iam.createAccessKey(mfaSession, undefined, context);
    try {
      expect(await iam.getAccessKeyLastUsed(mfaSession, fresh.accessKeyId, context)).toEqual({
        lastUsedDate: undefined,
        serviceName: undefined,
        region: undefined,
      });
    } finally {
      await iam.deleteAccessKey(mfaSession, fresh.accessKeyId, undefined, context);
    }
  });

  it("lists the user's MFA device, following every page", async () => {
    await control(emulator, "POST", "page-limit", { maxItems: 1 });
    const devices = await iam.listMfaDevices(mfaSession, undefined, context);
    expect(devices).toEqual([
      { serialNumber: user().mfaSerial, enableDate: expect.any(Date) as unknown },
    ]);
  });

  it("quotes AWS's AccessDenied text, which names the action the policy does not allow", async () => {
    const error = await rejectionOf(
      iam.listAccessKeys(userCredentials(user()), undefined, context),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain("iam:ListAccessKeys");
    expect(hintOf(error)).toContain("MFA");
  });

  it("says IAM refuses a session made without MFA", async () => {
    const noMfa = await createStsAdapter({ env }).getSessionToken(
      userCredentials(user()),
      {},
      context,
    );
    const error = await rejectionOf(iam.getUser(noMfa, context));
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain("AWS does not accept the session");
    expect(hintOf(error)).toContain("with MFA");
    expect(errorText(error)).not.toContain(noMfa.sessionToken);
  });

  it("says AWS does not accept a deleted or mistyped key", async () => {
    const error = await rejectionOf(
      iam.getUser(
        { accessKeyId: "AKIAFAKEEXAMPLE00000", secretAccessKey: "fake-secret-TEST" },
        context,
      ),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain("AWS does not accept the key");
    expect(hintOf(error)).toContain("awsafe add practice --force");
    expect(errorText(error)).not.toContain("fake-secret-TEST");
  });

  it("maps a key IAM does not know to a ConfigError", async () => {
    const error = await rejectionOf(
      iam.deleteAccessKey(mfaSession, "AKIANOSUCHKEY0000000", undefined, context),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain("cannot be found");
  });

  it("tries CreateAccessKey once: a lost answer must not make a second key", async () => {
    await control(emulator, "POST", "faults", { operation: "iam:CreateAccessKey", kind: "error" });
    const error = await rejectionOf(iam.createAccessKey(mfaSession, undefined, context));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(await callCount("iam:CreateAccessKey")).toBe(1);
  });

  it("sends CreateAccessKey once more only when AWS refused it for this machine's clock", async () => {
    await control(emulator, "POST", "clock", { advanceSeconds: 600 });
    try {
      const made = await iam.createAccessKey(mfaSession, undefined, context);
      expect(await callCount("iam:CreateAccessKey")).toBe(2);
      const keys = await iam.listAccessKeys(mfaSession, undefined, context);
      expect(keys.map((key) => key.accessKeyId)).toContain(made.accessKeyId);
      expect(keys).toHaveLength(2);
      await iam.deleteAccessKey(mfaSession, made.accessKeyId, undefined, context);
    } finally {
      await control(emulator, "POST", "clock", { advanceSeconds: -600 });
    }
  });

  it("gives up on a throttling IAM with an unavailable error (exit 69) after the retries", async () => {
    await control(emulator, "POST", "faults", {
      operation: "iam:GetUser",
      kind: "throttle",
      always: true,
    });
    const quick = createIamAdapter({ env, maxAttempts: 2 });
    const error = await rejectionOf(quick.getUser(mfaSession, context));
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error).toMatchObject({ exitCode: ExitCode.Unavailable });
    expect(await callCount("iam:GetUser")).toBe(2);
    expect(errorText(error)).not.toContain(mfaSession.secretAccessKey);
  });
});

async function callCount(operation: string): Promise<number | undefined> {
  const stats = (await control(emulator, "GET", "stats")) as {
    operations: Record<string, number>;
  };
  return stats.operations[operation];
}
