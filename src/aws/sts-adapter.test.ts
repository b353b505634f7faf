import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import {
  control,
  nextTotp,
  seedUser,
  userCredentials,
  wrongTotp,
} from "../../emulator/test-support/emulator-fixture.js";
import { AppError, AuthError, ConfigError } from "../errors.js";
import { AwsUnavailableError, MfaCodeRejectedError } from "../ports/aws/aws-errors.js";
import type { StsPort } from "../ports/aws/sts.js";
import { createStsAdapter } from "./sts-adapter.js";

const adminRole = "arn:aws:iam::210987654321:role/AdminRole";
const context = { profile: "test" };
let emulator: RunningEmulator;
let sts: StsPort;

beforeAll(async () => {
  emulator = await start({ port: 0 });
  sts = createStsAdapter({ env: { AWS_ENDPOINT_URL: emulator.url } });
});
afterAll(() => emulator.stop());
beforeEach(() => control(emulator, "DELETE", "faults"));

const user = () => seedUser(emulator, "assume-only");
const mfa = async () => ({
  serialNumber: user().mfaSerial ?? "",
  tokenCode: await nextTotp(emulator, user().totpSecret),
});

describe("the STS adapter against the emulator", () => {
  it("gets an MFA session and assumes AdminRole from it, with the account from the ARN", async () => {
    const session = await sts.getSessionToken(
      userCredentials(user()),
      { durationSeconds: 3600, mfa: await mfa() },
      context,
    );
    expect(session.sessionToken).not.toBe("");
    expect(session.expiration.getTime()).toBeGreaterThan(Date.now());
    const role = await sts.assumeRole(
      session,
      { roleArn: adminRole, roleSessionName: "awsafe-test", durationSeconds: 900 },
      context,
    );
    expect(role.accountId).toBe("210987654321");
  });

  it("reports a wrong MFA code as MfaCodeRejectedError", async () => {
    const error = await sts
      .getSessionToken(
        userCredentials(user()),
        {
          mfa: {
            serialNumber: user().mfaSerial ?? "",
            tokenCode: wrongTotp(emulator, user().totpSecret),
          },
        },
        context,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaCodeRejectedError);
  });

  it("says the role's trust policy or MFA when AssumeRole is denied", async () => {
    const error = await sts
      .assumeRole(userCredentials(user()), { roleArn: adminRole, roleSessionName: "x1" }, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(hintOf(error)).toMatch(/trust policy.*mfa_serial/);
  });

  it("sends a deleted key to `awsafe add`", async () => {
    const error = await sts
      .getSessionToken(
        { accessKeyId: "AKIAFAKEEXAMPLE00000", secretAccessKey: "fake-secret-TEST" },
        {},
        context,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(hintOf(error)).toContain("awsafe add test");
  });

  it("maps a duration STS refuses to a ConfigError", async () => {
    const error = await sts
      .getSessionToken(userCredentials(user()), { durationSeconds: 10 }, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
  });

  it("retries throttling and 5xx, then succeeds", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetSessionToken",
      kind: "throttle",
      count: 1,
    });
    await control(emulator, "POST", "faults", {
      operation: "sts:GetSessionToken",
      kind: "error",
      count: 1,
    });
    await control(emulator, "DELETE", "stats");
    await sts.getSessionToken(userCredentials(user()), {}, context);
    const stats = (await control(emulator, "GET", "stats")) as {
      operations: Record<string, number>;
    };
    expect(stats.operations["sts:GetSessionToken"]).toBe(3);
  });

  it("gives up on a lasting outage with an unavailable error", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetSessionToken",
      kind: "error",
      always: true,
    });
    const quick = createStsAdapter({ env: { AWS_ENDPOINT_URL: emulator.url }, maxAttempts: 2 });
    const error = await quick
      .getSessionToken(userCredentials(user()), {}, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsUnavailableError);
  });

  it("reports an endpoint nobody listens on as unavailable", async () => {
    const nowhere = createStsAdapter({
      env: { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9" },
      maxAttempts: 1,
    });
    const error = await nowhere
      .getSessionToken(userCredentials(user()), {}, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(hintOf(error)).toContain("AWS_ENDPOINT_URL");
  });

  it("points at the clock when the request time is far off", async () => {
    await control(emulator, "POST", "clock", { advanceSeconds: 3600 });
    try {
      const once = createStsAdapter({ env: { AWS_ENDPOINT_URL: emulator.url }, maxAttempts: 1 });
      const error = await once
        .getSessionToken(userCredentials(user()), {}, context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect(hintOf(error)).toContain("clock");
    } finally {
      await control(emulator, "POST", "clock", { advanceSeconds: -3600 });
    }
  });
});

function hintOf(error: unknown): string | undefined {
  return error instanceof AppError ? error.hint : undefined;
}
