import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import {
  fromStsCredentials,
  iamClient,
  mfaSession,
  seedUser,
  stsClient,
  userCredentials,
} from "../test-support/emulator-fixture.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ port: 0 });
});
afterAll(async () => {
  await emulator.stop();
});

const keys = () => userCredentials(seedUser(emulator, "assume-only"));
const whoAmI = (credentials: Parameters<typeof stsClient>[1]) =>
  stsClient(emulator, credentials).send(new GetCallerIdentityCommand({}));

describe("SigV4 verification", () => {
  it("refuses an unknown key with InvalidClientTokenId", async () => {
    await expect(
      whoAmI({ accessKeyId: "AKIAFAKEFAKEFAKE0000", secretAccessKey: "made-up-FAKE" }),
    ).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      message: "The security token included in the request is invalid.",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("refuses a wrong secret with SignatureDoesNotMatch", async () => {
    await expect(whoAmI({ ...keys(), secretAccessKey: "wrong-secret-FAKE" })).rejects.toMatchObject(
      {
        name: "SignatureDoesNotMatch",
        $metadata: { httpStatusCode: 403 },
      },
    );
  });

  it("refuses a session key without its token, or with a wrong token", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    const withoutToken = {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
    };
    await expect(whoAmI(withoutToken)).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    await expect(whoAmI({ ...session, sessionToken: "not-the-token" })).rejects.toMatchObject({
      name: "InvalidClientTokenId",
    });
    await expect(whoAmI(session)).resolves.toBeDefined();
  });

  it("refuses an expired session with ExpiredToken", async () => {
    const out = await stsClient(emulator, keys()).send(
      new GetSessionTokenCommand({ DurationSeconds: 900 }),
    );
    const session = fromStsCredentials(out.Credentials);
    await expect(whoAmI(session)).resolves.toBeDefined();
    emulator.state.clock.advance(901);
    await expect(whoAmI(session)).rejects.toMatchObject({
      name: "ExpiredToken",
      message: "The security token included in the request is expired",
    });
  });

  it("refuses a request signed more than 5 minutes off ('Signature expired')", async () => {
    const skewed = new STSClient({
      endpoint: emulator.url,
      region: "us-east-1",
      credentials: keys(),
      maxAttempts: 1,
      systemClockOffset: emulator.state.clock.offsetMs - 6 * 60 * 1000,
    });
    await expect(skewed.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      message: expect.stringMatching(
        /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
      ) as unknown,
    });
  });

  it("sends its clock in Date, so a retrying SDK corrects its skew and gets through", async () => {
    emulator.state.clock.advance(10 * 60);
    const unaware = new STSClient({
      endpoint: emulator.url,
      region: "us-east-1",
      credentials: keys(),
      maxAttempts: 3,
    });
    await expect(unaware.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    const skew = unaware.config.systemClockOffset;
    expect(Math.abs(skew - emulator.state.clock.offsetMs)).toBeLessThan(60_000);
  });

  it("answers MissingAuthenticationToken to an unsigned call", async () => {
    const response = await fetch(emulator.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>MissingAuthenticationToken</Code>");
  });

  it("stops an inactive, then a deleted, key at once", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    const iam = iamClient(emulator, session);
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({}));
    const second = {
      accessKeyId: AccessKey?.AccessKeyId ?? "",
      secretAccessKey: AccessKey?.SecretAccessKey ?? "",
    };
    await expect(whoAmI(second)).resolves.toBeDefined();
    await iam.send(
      new UpdateAccessKeyCommand({ AccessKeyId: second.accessKeyId, Status: "Inactive" }),
    );
    await expect(whoAmI(second)).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    await iam.send(
      new UpdateAccessKeyCommand({ AccessKeyId: second.accessKeyId, Status: "Active" }),
    );
    await expect(whoAmI(second)).resolves.toBeDefined();
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: second.accessKeyId }));
    await expect(whoAmI(second)).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    const listed = await iam.send(new ListAccessKeysCommand({}));
    expect(listed.AccessKeyMetadata?.map((k) => k.AccessKeyId)).not.toContain(second.accessKeyId);
  });
});
