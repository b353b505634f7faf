import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import {
  assumeRole,
  fromStsCredentials,
  mfaSession,
  nextTotp,
  seedUser,
  stsClient,
  userCredentials,
  wrongTotp,
} from "../test-support/emulator-fixture.js";
import { totpCode } from "../mfa/verify-totp.js";

const ADMIN_ROLE = "arn:aws:iam::210987654321:role/AdminRole";
const READ_ONLY_ROLE = "arn:aws:iam::210987654321:role/ReadOnlyRole";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ port: 0 });
});
afterAll(async () => {
  await emulator.stop();
});

const user = () => seedUser(emulator, "assume-only");
const keys = () => userCredentials(user());

describe("GetCallerIdentity", () => {
  it("answers for long-term keys, session keys and role sessions", async () => {
    const own = await stsClient(emulator, keys()).send(new GetCallerIdentityCommand({}));
    expect(own).toMatchObject({
      Account: "123456789012",
      Arn: "arn:aws:iam::123456789012:user/assume-only",
    });
    expect(own.UserId).toMatch(/^AIDA/);
    const session = await mfaSession(emulator, user());
    const viaSession = await stsClient(emulator, session).send(new GetCallerIdentityCommand({}));
    expect(viaSession.Arn).toBe(own.Arn);
    const role = await assumeRole(emulator, session, {
      RoleArn: ADMIN_ROLE,
      RoleSessionName: "me",
    });
    const viaRole = await stsClient(emulator, role).send(new GetCallerIdentityCommand({}));
    expect(viaRole).toMatchObject({
      Account: "210987654321",
      Arn: "arn:aws:sts::210987654321:assumed-role/AdminRole/me",
    });
    expect(viaRole.UserId).toMatch(/^AROA[A-Z2-7]{16}:me$/);
  });
});

describe("GetSessionToken", () => {
  it("issues ASIA credentials for the requested duration", async () => {
    const before = emulator.state.clock.nowMs();
    const out = await stsClient(emulator, keys()).send(
      new GetSessionTokenCommand({ DurationSeconds: 900 }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const expiry = out.Credentials?.Expiration?.getTime() ?? 0;
    expect(expiry - before).toBeGreaterThanOrEqual(899_000);
    expect(expiry - before).toBeLessThanOrEqual(901_000);
  });

  it.each([
    [899, "greater than or equal to 900"],
    [129601, "less than or equal to 129600"],
  ])("refuses DurationSeconds %i", async (duration, text) => {
    await expect(
      stsClient(emulator, keys()).send(new GetSessionTokenCommand({ DurationSeconds: duration })),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining(text) as unknown,
    });
  });

  it("rejects a wrong code with AWS's text", async () => {
    const u = user();
    await expect(
      stsClient(emulator, keys()).send(
        new GetSessionTokenCommand({
          SerialNumber: u.mfaSerial ?? "",
          TokenCode: wrongTotp(emulator, u.totpSecret),
        }),
      ),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: "MultiFactorAuthentication failed with invalid MFA one time pass code.",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("rejects a code already used for the device", async () => {
    const u = user();
    const code = await nextTotp(emulator, u.totpSecret);
    const sts = stsClient(emulator, keys());
    await sts.send(
      new GetSessionTokenCommand({ SerialNumber: u.mfaSerial ?? "", TokenCode: code }),
    );
    await expect(
      sts.send(new GetSessionTokenCommand({ SerialNumber: u.mfaSerial ?? "", TokenCode: code })),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: "MultiFactorAuthentication failed with invalid MFA one time pass code.",
    });
  });

  it("rejects a serial that is not the user's device", async () => {
    const u = user();
    const code = await nextTotp(emulator, u.totpSecret);
    await expect(
      stsClient(emulator, keys()).send(
        new GetSessionTokenCommand({
          SerialNumber: "arn:aws:iam::123456789012:mfa/someone-else",
          TokenCode: code,
        }),
      ),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining(
        "unable to validate MFA code.  Please verify your MFA serial number",
      ) as unknown,
    });
  });

  it("is refused to session credentials", async () => {
    const session = await mfaSession(emulator, user());
    await expect(
      stsClient(emulator, session).send(new GetSessionTokenCommand({})),
    ).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });
});

describe("AssumeRole", () => {
  it("is denied to the practice user without MFA (explicit deny)", async () => {
    await expect(
      stsClient(emulator, keys()).send(
        new AssumeRoleCommand({ RoleArn: ADMIN_ROLE, RoleSessionName: "no-mfa" }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
  });

  it("passes with SerialNumber/TokenCode on the call itself", async () => {
    const u = user();
    const code = await nextTotp(emulator, u.totpSecret);
    const out = await stsClient(emulator, keys()).send(
      new AssumeRoleCommand({
        RoleArn: READ_ONLY_ROLE,
        RoleSessionName: "direct",
        SerialNumber: u.mfaSerial ?? "",
        TokenCode: code,
        DurationSeconds: 43200,
      }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe(
      "arn:aws:sts::210987654321:assumed-role/ReadOnlyRole/direct",
    );
  });

  it("carries MFA context from a GetSessionToken session (no second code)", async () => {
    const session = await mfaSession(emulator, user());
    const role = await assumeRole(emulator, session, { RoleArn: ADMIN_ROLE });
    expect(role.accessKeyId).toMatch(/^ASIA/);
  });

  it("is denied from a session made without MFA", async () => {
    const out = await stsClient(emulator, keys()).send(new GetSessionTokenCommand({}));
    await expect(
      assumeRole(emulator, fromStsCredentials(out.Credentials), { RoleArn: ADMIN_ROLE }),
    ).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });

  it("caps chained sessions at one hour with AWS's text", async () => {
    const session = await mfaSession(emulator, user());
    await expect(
      assumeRole(emulator, session, { RoleArn: READ_ONLY_ROLE, DurationSeconds: 7200 }),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message:
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    });
    const role = await assumeRole(emulator, session, { RoleArn: ADMIN_ROLE });
    await expect(
      assumeRole(emulator, role, { RoleArn: READ_ONLY_ROLE, DurationSeconds: 3601 }),
    ).rejects.toMatchObject({
      name: "ValidationError",
    });
  });

  it("enforces the role's MaxSessionDuration", async () => {
    const u = user();
    const code = await nextTotp(emulator, u.totpSecret);
    await expect(
      stsClient(emulator, keys()).send(
        new AssumeRoleCommand({
          RoleArn: ADMIN_ROLE,
          RoleSessionName: "long",
          SerialNumber: u.mfaSerial ?? "",
          TokenCode: code,
          DurationSeconds: 7200,
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
  });

  it("validates RoleSessionName", async () => {
    const session = await mfaSession(emulator, user());
    await expect(
      assumeRole(emulator, session, { RoleArn: ADMIN_ROLE, RoleSessionName: "bad name" }),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining("roleSessionName") as unknown,
    });
  });

  it("returns SourceIdentity and accepts session tags the trust policy allows", async () => {
    const session = await mfaSession(emulator, user());
    const out = await stsClient(emulator, session).send(
      new AssumeRoleCommand({
        RoleArn: ADMIN_ROLE,
        RoleSessionName: "tagged",
        SourceIdentity: "alice",
        Tags: [{ Key: "team", Value: "blue" }],
        TransitiveTagKeys: ["team"],
      }),
    );
    expect(out.SourceIdentity).toBe("alice");
    expect(out.SessionTokenUtilization).toBeGreaterThan(0);
    const stored = emulator.state.world.sessions.get(out.Credentials?.AccessKeyId ?? "");
    expect(stored?.tags).toEqual([{ key: "team", value: "blue" }]);
    expect(stored?.transitiveTagKeys).toEqual(["team"]);
  });

  it("accepts the previous window's code (clock drift) but not a window already passed", async () => {
    const u = user();
    // Three fresh windows: none of their codes has been used yet.
    for (let i = 0; i < 3; i++) await nextTotp(emulator, u.totpSecret);
    const secret = u.totpSecret ?? "";
    const sts = stsClient(emulator, keys());
    const gst = (code: string) =>
      sts.send(new GetSessionTokenCommand({ SerialNumber: u.mfaSerial ?? "", TokenCode: code }));
    const now = emulator.state.clock.nowMs();
    await expect(gst(totpCode(secret, now - 60_000))).rejects.toMatchObject({
      name: "AccessDenied",
    });
    await expect(gst(totpCode(secret, now - 30_000))).resolves.toBeDefined();
  });
});
