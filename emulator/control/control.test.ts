import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  ListAccessKeysCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import {
  assumeRole,
  control,
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
beforeEach(async () => {
  await control(emulator, "DELETE", "faults");
  await control(emulator, "DELETE", "stats");
});

const keys = () => userCredentials(seedUser(emulator, "assume-only"));
const whoAmI = () => stsClient(emulator, keys()).send(new GetCallerIdentityCommand({}));

describe("fault injection", () => {
  it("throttles the named operation with AWS's Throttling code", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetCallerIdentity",
      kind: "throttle",
    });
    await expect(whoAmI()).rejects.toMatchObject({
      name: "Throttling",
      message: "Rate exceeded",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(whoAmI()).resolves.toBeDefined();
  });

  it("answers 500 InternalFailure", async () => {
    await control(emulator, "POST", "faults", { operation: "*", kind: "error", count: 1 });
    await expect(whoAmI()).rejects.toMatchObject({
      name: "InternalFailure",
      $metadata: { httpStatusCode: 500 },
    });
  });

  it("lets the SDK's retry get through a throttled first attempt, and counts both calls", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetCallerIdentity",
      kind: "throttle",
      count: 1,
    });
    const retrying = new STSClient({
      endpoint: emulator.url,
      region: "us-east-1",
      credentials: keys(),
      maxAttempts: 3,
    });
    await expect(retrying.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    const stats = (await control(emulator, "GET", "stats")) as {
      operations: Record<string, number>;
    };
    expect(stats.operations["sts:GetCallerIdentity"]).toBe(2);
  });

  it("keeps an 'always' fault until cleared and leaves other operations alone", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetSessionToken",
      kind: "throttle",
      always: true,
    });
    await expect(whoAmI()).resolves.toBeDefined();
    const faults = (await control(emulator, "GET", "faults")) as { faults: unknown[] };
    expect(faults.faults).toHaveLength(1);
  });

  it("consumes a latency fault and still answers", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetCallerIdentity",
      kind: "latency",
      latencyMs: 20,
    });
    await expect(whoAmI()).resolves.toBeDefined();
    const faults = (await control(emulator, "GET", "faults")) as { faults: unknown[] };
    expect(faults.faults).toHaveLength(0);
  });

  it("rejects a malformed fault", async () => {
    const response = await fetch(`${emulator.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ operation: "x", kind: "explode" }),
    });
    expect(response.status).toBe(400);
  });
});

describe("stats and clock", () => {
  it("counts calls per operation and per access key", async () => {
    await whoAmI();
    await whoAmI();
    await stsClient(emulator, { accessKeyId: "AKIAFAKEFAKEFAKE0001", secretAccessKey: "x-FAKE" })
      .send(new GetCallerIdentityCommand({}))
      .catch(() => undefined);
    const stats = (await control(emulator, "GET", "stats")) as {
      total: number;
      operations: Record<string, number>;
      accessKeys: Record<string, number>;
    };
    expect(stats.total).toBe(3);
    expect(stats.operations).toEqual({ "sts:GetCallerIdentity": 3 });
    expect(stats.accessKeys).toEqual({ [keys().accessKeyId]: 2, AKIAFAKEFAKEFAKE0001: 1 });
  });

  it("shifts the clock", async () => {
    const before = (await control(emulator, "GET", "clock")) as {
      now: string;
      offsetSeconds: number;
    };
    const after = (await control(emulator, "POST", "clock", { advanceSeconds: 3600 })) as {
      now: string;
      offsetSeconds: number;
    };
    expect(after.offsetSeconds - before.offsetSeconds).toBe(3600);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3600_000);
  });
});

describe("page limit", () => {
  it("is set, read back and lifted through the control API", async () => {
    expect(await control(emulator, "POST", "page-limit", { maxItems: 2 })).toEqual({ maxItems: 2 });
    expect(await control(emulator, "GET", "page-limit")).toEqual({ maxItems: 2 });
    expect(await control(emulator, "DELETE", "page-limit")).toEqual({ maxItems: null });
    expect(emulator.state.pageLimit.apply(100)).toBe(100);
  });
});

describe("faults for rotation", () => {
  const admin = async () =>
    assumeRole(emulator, await mfaSession(emulator, seedUser(emulator, "assume-only")), {
      RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
    });

  it("answers AccessDenied for a denied fault", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetCallerIdentity",
      kind: "denied",
    });
    await expect(whoAmI()).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("does the work of a lost-reply call and answers 500", async () => {
    const iam = iamClient(emulator, await admin());
    await iam.send(new CreateUserCommand({ UserName: "lost-reply" }));
    await control(emulator, "POST", "faults", {
      operation: "iam:CreateAccessKey",
      kind: "lost-reply",
    });
    await expect(
      iam.send(new CreateAccessKeyCommand({ UserName: "lost-reply" })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: "lost-reply" }));
    expect(listed.AccessKeyMetadata).toHaveLength(1);
  });

  it("skips the first matching calls", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sts:GetCallerIdentity",
      kind: "error",
      skip: 1,
    });
    await expect(whoAmI()).resolves.toBeDefined();
    await expect(whoAmI()).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
  });
});

describe("new-key delay", () => {
  it("refuses a new key until the delay has passed on the emulator's clock", async () => {
    const iam = iamClient(emulator, await mfaSession(emulator, seedUser(emulator, "assume-only")));
    expect(await control(emulator, "POST", "new-key-delay", { seconds: 30 })).toEqual({
      seconds: 30,
    });
    const made = await iam.send(new CreateAccessKeyCommand({}));
    const key = {
      accessKeyId: made.AccessKey?.AccessKeyId ?? "",
      secretAccessKey: made.AccessKey?.SecretAccessKey ?? "",
    };
    const fresh = () => stsClient(emulator, key).send(new GetCallerIdentityCommand({}));
    await expect(fresh()).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    const listed = await iam.send(new ListAccessKeysCommand({}));
    expect(listed.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toContain(key.accessKeyId);
    await control(emulator, "POST", "clock", { advanceSeconds: 31 });
    await expect(fresh()).resolves.toMatchObject({
      Arn: "arn:aws:iam::123456789012:user/assume-only",
    });
    expect(await control(emulator, "DELETE", "new-key-delay")).toEqual({ seconds: 0 });
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key.accessKeyId }));
  });
});
