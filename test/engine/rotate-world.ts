// What the end-to-end tests of `awsafe rotate` share: a world whose `base` key is stored, a look
// at the user's keys in the emulator and at the key awsafe stores, and the invariant every
// rotation must keep whatever stopped it.
import { rmSync } from "node:fs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { expect } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control, seedUser, stsClient } from "../../emulator/test-support/emulator-fixture.js";
import { makeWorld, type AwsafeWorld, type WorldBackend } from "./awsafe-world.js";

export const userName = "assume-only";

/** An emulator and a HOME whose `base` key is stored, and every secret IAM gave out. */
export interface RotateWorld {
  readonly emulator: RunningEmulator;
  readonly world: AwsafeWorld;
  /** The secret of every access key of the user, the seed's and each one CreateAccessKey made. */
  readonly keySecrets: Set<string>;
  fault(fault: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts an emulator and a world with `base`'s key stored (see `makeWorld`). */
export async function startRotateWorld(backend: WorldBackend = "file"): Promise<RotateWorld> {
  const emulator = await start({ port: 0 });
  const world = makeWorld(emulator, backend);
  const user = seedUser(emulator, userName);
  const keySecrets = new Set([user.secretAccessKey ?? ""]);
  // Records each new key's secret for the plain-text scan (the emulator runs in this process).
  const iamWorld = emulator.state.world;
  const createAccessKey = iamWorld.createAccessKey.bind(iamWorld);
  iamWorld.createAccessKey = (owner, given) => {
    const key = createAccessKey(owner, given);
    keySecrets.add(key.secretAccessKey);
    return key;
  };
  const added = await world.awsafe(["add", "base", "--env"], {
    AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
    AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
  });
  expect(added.status, added.stderr).toBe(0);
  return {
    emulator,
    world,
    keySecrets,
    fault: async (fault) => {
      await control(emulator, "POST", "faults", fault);
    },
    clearFaults: async () => {
      await control(emulator, "DELETE", "faults");
    },
    stop: async () => {
      await world.stopAgent();
      await emulator.stop();
      rmSync(world.home, { recursive: true, force: true });
    },
  };
}

/** One of the user's keys in the emulator. */
export interface IamKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly status: "Active" | "Inactive";
}

/** The user's keys as IAM (the emulator) holds them. */
export function iamKeys(emulator: RunningEmulator): IamKey[] {
  return [...emulator.state.world.accessKeys.values()]
    .filter((key) => key.userName === userName && key.accountId === "123456789012")
    .map(({ accessKeyId, secretAccessKey, status }) => ({ accessKeyId, secretAccessKey, status }));
}

/** The key awsafe stores for `base` (read back with `export --no-session`). */
export async function storedKey(
  world: AwsafeWorld,
): Promise<{ accessKeyId: string; secretAccessKey: string } | undefined> {
  const exported = await world.awsafeCredentials([
    "export",
    "base",
    "--no-session",
    "--format",
    "process",
  ]);
  if (exported.status !== 0) return undefined;
  const parsed = JSON.parse(exported.stdout) as { AccessKeyId: string; SecretAccessKey: string };
  return { accessKeyId: parsed.AccessKeyId, secretAccessKey: parsed.SecretAccessKey };
}

/** Whether STS (the emulator) accepts `key`. */
export async function keyWorks(
  emulator: RunningEmulator,
  key: { accessKeyId: string; secretAccessKey: string },
): Promise<boolean> {
  try {
    await stsClient(emulator, key).send(new GetCallerIdentityCommand({}));
    return true;
  } catch {
    return false;
  }
}

/** `****ABCD`. */
export function redacted(id: string): string {
  return `****${id.slice(-4)}`;
}

/**
 * The invariant a rotation keeps whatever stops it: exactly one active key of the user is the
 * stored key and it works, and at most one key in IAM is not stored. Returns the state in words
 * (`1 key: ****ABCD Active stored`), for the fault matrix.
 */
export async function expectOneStoredWorkingKey(ctx: RotateWorld): Promise<string> {
  const stored = await storedKey(ctx.world);
  expect(stored, "a key is stored for base").toBeDefined();
  const keys = iamKeys(ctx.emulator);
  const activeStored = keys.filter(
    (key) => key.status === "Active" && key.accessKeyId === stored?.accessKeyId,
  );
  expect(activeStored, "the stored key is an active key of the user").toHaveLength(1);
  expect(activeStored[0]?.secretAccessKey, "the stored secret is the key's").toBe(
    stored?.secretAccessKey,
  );
  expect(stored === undefined ? false : await keyWorks(ctx.emulator, stored), "it works").toBe(
    true,
  );
  const unstored = keys.filter((key) => key.accessKeyId !== stored?.accessKeyId);
  expect(unstored.length, "at most one key is not stored").toBeLessThanOrEqual(1);
  const words = keys.map(
    (key) =>
      `${redacted(key.accessKeyId)} ${key.status}${key.accessKeyId === stored?.accessKeyId ? " stored" : " unstored"}`,
  );
  return `${String(keys.length)} key${keys.length === 1 ? "" : "s"}: ${words.join(", ")}`;
}
