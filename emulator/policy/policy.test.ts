import { ListAccessKeysCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import {
  assumeRole,
  fromStsCredentials,
  iamClient,
  mfaSession,
  nextTotp,
  seedUser,
  stsClient,
  userCredentials,
} from "../test-support/emulator-fixture.js";
import { testSeed } from "../test-support/test-seed.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ port: 0, seed: testSeed() });
});
afterAll(async () => {
  await emulator.stop();
});

const practice = () => seedUser(emulator, "assume-only");

describe("the practice's policy, evaluated", () => {
  it("an explicit Deny without MFA really denies; the same call from an MFA session passes", async () => {
    await expect(
      iamClient(emulator, userCredentials(practice())).send(new ListAccessKeysCommand({})),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining(
        "with an explicit deny in an identity-based policy",
      ) as unknown,
    });
    const session = await mfaSession(emulator, practice());
    const out = await iamClient(emulator, session).send(new ListAccessKeysCommand({}));
    expect(out.AccessKeyMetadata).toHaveLength(1);
  });

  it("GetSessionToken credentials without MFA cannot call IAM at all (as AWS)", async () => {
    const out = await stsClient(emulator, userCredentials(seedUser(emulator, "federator"))).send(
      new GetSessionTokenCommand({}),
    );
    await expect(
      iamClient(emulator, fromStsCredentials(out.Credentials)).send(new ListUsersCommand({})),
    ).rejects.toMatchObject({
      name: "InvalidClientTokenId",
    });
    await expect(
      iamClient(emulator, userCredentials(seedUser(emulator, "federator"))).send(
        new ListUsersCommand({}),
      ),
    ).resolves.toBeDefined();
  });

  it("${aws:username} limits key management to the user's own keys", async () => {
    const session = await mfaSession(emulator, practice());
    await expect(
      iamClient(emulator, session).send(new ListAccessKeysCommand({ UserName: "federator" })),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining("no identity-based policy allows") as unknown,
    });
  });

  it("the user still cannot list users with MFA (nothing allows it)", async () => {
    const session = await mfaSession(emulator, practice());
    await expect(iamClient(emulator, session).send(new ListUsersCommand({}))).rejects.toMatchObject(
      { name: "AccessDenied" },
    );
  });

  it("ReadOnlyRole trusts only assume-only: another user of the account with MFA-less admin rights is refused", async () => {
    const other = userCredentials(seedUser(emulator, "federator"));
    await expect(
      stsClient(emulator, other).send(
        new AssumeRoleCommand({
          RoleArn: "arn:aws:iam::210987654321:role/ReadOnlyRole",
          RoleSessionName: "intruder",
        }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("AdminRole's trust requires MFA even when the identity policy allows everything", async () => {
    const other = userCredentials(seedUser(emulator, "federator"));
    await expect(
      stsClient(emulator, other).send(
        new AssumeRoleCommand({
          RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
          RoleSessionName: "no-mfa",
        }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("role permissions apply to the role session: ReadOnlyRole may list, AdminRole may list", async () => {
    const session = await mfaSession(emulator, practice());
    const readOnly = await assumeRole(emulator, session, {
      RoleArn: "arn:aws:iam::210987654321:role/ReadOnlyRole",
    });
    await expect(
      iamClient(emulator, readOnly).send(new ListUsersCommand({})),
    ).resolves.toBeDefined();
    const u = practice();
    const code = await nextTotp(emulator, u.totpSecret);
    const admin = await assumeRole(emulator, userCredentials(u), {
      RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
      SerialNumber: u.mfaSerial ?? "",
      TokenCode: code,
    });
    await expect(iamClient(emulator, admin).send(new ListUsersCommand({}))).resolves.toBeDefined();
  });
});
