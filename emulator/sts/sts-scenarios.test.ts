import { ListUsersCommand } from "@aws-sdk/client-iam";
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
} from "@aws-sdk/client-sts";
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
import { signTestJwt, TEST_ISSUER, testSeed } from "../test-support/test-seed.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ port: 0, seed: testSeed() });
});
afterAll(async () => {
  await emulator.stop();
});

const PARTNER_ROLE = "arn:aws:iam::123456789012:role/PartnerRole";
const CI_ROLE = "arn:aws:iam::123456789012:role/CiRole";

describe("ExternalId in the trust policy", () => {
  it.each([
    ["missing", undefined, false],
    ["wrong", "partner-999", false],
    ["right", "partner-123", true],
  ])("%s ExternalId", async (_label, externalId, allowed) => {
    const sts = stsClient(emulator, userCredentials(seedUser(emulator, "federator")));
    const call = sts.send(
      new AssumeRoleCommand({
        RoleArn: PARTNER_ROLE,
        RoleSessionName: "partner",
        ExternalId: externalId,
      }),
    );
    if (allowed)
      await expect(call).resolves.toMatchObject({
        AssumedRoleUser: { Arn: expect.stringContaining("PartnerRole/partner") as unknown },
      });
    else await expect(call).rejects.toMatchObject({ name: "AccessDenied" });
  });
});

describe("GetFederationToken", () => {
  it("gives a federated-user session that can identify itself but not call IAM", async () => {
    const out = await stsClient(emulator, userCredentials(seedUser(emulator, "federator"))).send(
      new GetFederationTokenCommand({ Name: "fed-bob", DurationSeconds: 900 }),
    );
    expect(out.FederatedUser?.Arn).toBe("arn:aws:sts::123456789012:federated-user/fed-bob");
    const creds = fromStsCredentials(out.Credentials);
    const who = await stsClient(emulator, creds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe("arn:aws:sts::123456789012:federated-user/fed-bob");
    await expect(iamClient(emulator, creds).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
    });
  });

  it("is denied to the practice user without MFA", async () => {
    await expect(
      stsClient(emulator, userCredentials(seedUser(emulator, "assume-only"))).send(
        new GetFederationTokenCommand({ Name: "x-user" }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("validates Name", async () => {
    await expect(
      stsClient(emulator, userCredentials(seedUser(emulator, "federator"))).send(
        new GetFederationTokenCommand({ Name: "a" }),
      ),
    ).rejects.toMatchObject({ name: "ValidationError" });
  });
});

describe("AssumeRoleWithWebIdentity", () => {
  const anonymous = () =>
    stsClient(emulator, { accessKeyId: "unused-FAKE", secretAccessKey: "unused" });
  const exp = () => Math.floor(emulator.state.clock.nowMs() / 1000) + 600;
  const token = (sub: string, extra: Record<string, unknown> = {}) =>
    signTestJwt({ iss: TEST_ISSUER, aud: "sts.amazonaws.com", sub, exp: exp(), ...extra });
  const call = (webIdentityToken: string) =>
    anonymous().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: CI_ROLE,
        RoleSessionName: "ci",
        WebIdentityToken: webIdentityToken,
      }),
    );

  it("assumes the role when the trust conditions on aud and sub hold", async () => {
    const out = await call(token("repo:acme/app:ref:refs/heads/main"));
    expect(out).toMatchObject({
      SubjectFromWebIdentityToken: "repo:acme/app:ref:refs/heads/main",
      AssumedRoleUser: { Arn: "arn:aws:sts::123456789012:assumed-role/CiRole/ci" },
      Audience: "sts.amazonaws.com",
    });
  });

  it("is denied for a subject the trust policy does not match", async () => {
    await expect(call(token("repo:evil/app"))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("rejects a token with a bad signature, a wrong audience, or past its exp", async () => {
    const forged = signTestJwt(
      { iss: TEST_ISSUER, aud: "sts.amazonaws.com", sub: "repo:acme/x", exp: exp() },
      "wrong-key-FAKE",
    );
    await expect(call(forged)).rejects.toMatchObject({ name: "InvalidIdentityTokenException" });
    await expect(call(token("repo:acme/x", { aud: "other" }))).rejects.toMatchObject({
      name: "InvalidIdentityTokenException",
    });
    await expect(call(token("repo:acme/x", { exp: 1000 }))).rejects.toMatchObject({
      name: "ExpiredTokenException",
    });
  });
});

describe("aws:MultiFactorAuthAge", () => {
  it("allows while the MFA is recent and denies once it is older than the condition", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "fresh-mfa"));
    await expect(
      iamClient(emulator, session).send(new ListUsersCommand({})),
    ).resolves.toBeDefined();
    emulator.state.clock.advance(400);
    const later = iamClient(emulator, session);
    await expect(later.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });
});
