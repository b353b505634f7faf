import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { stsCounts } from "./engine-fixture.js";
import { jsonFields, makeWorld, type AwsafeWorld } from "./awsafe-world.js";

let emulator: RunningEmulator;
let world: AwsafeWorld;

beforeAll(async () => {
  emulator = await start({ port: 0 });
  world = makeWorld(emulator, "file");
  const user = seedUser(emulator, "assume-only");
  const added = await world.awsafe(["add", "base", "--env"], {
    AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
    AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
  });
  expect(added.status).toBe(0);
});
afterAll(async () => {
  await world.stopAgent();
  await emulator.stop();
  rmSync(world.home, { recursive: true, force: true });
});

const status = async () => jsonFields((await world.awsafe(["agent", "status", "--json"])).stdout);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the agent", () => {
  it("--no-agent starts none", async () => {
    const result = await world.awsafeCredentials(["credential-process", "admin", "--no-agent"]);
    expect(result.status).toBe(0);
    const stopped = await world.awsafe(["agent", "status"]);
    expect(stopped.status).toBe(69);
    expect(stopped.stdout).toBe("awsafe agent: not running\n");
  });

  it("leaves an encrypted file that needs its passphrase typed to this process (the agent cannot ask)", async () => {
    const result = await world.awsafe(["credential-process", "admin"], {
      AWSAFE_FILE_PASSPHRASE: "",
    });
    expect(result.status).toBe(69);
    expect(result.stderr).toContain("no passphrase was given");
    expect((await world.awsafe(["agent", "status"])).status).toBe(69);
  });

  it("passes AWS errors back as they are: a refused --mfa-token code exits 77", async () => {
    const stats = await stsCounts(emulator);
    const result = await world.awsafe([
      "export",
      "admin",
      "--duration",
      "2h",
      "--mfa-token",
      "000000",
    ]);
    expect(result.status).toBe(77);
    expect(result.stderr).toContain("AWS refused the --mfa-token code");
    expect((await stsCounts(emulator))["sts:AssumeRole"]).toBe((stats["sts:AssumeRole"] ?? 0) + 1);
  });

  it("starts on demand, keeps sessions in memory, and asks this client for MFA", async () => {
    const before = world.mfaPrompts();
    const result = await world.awsafeCredentials(["credential-process", "admin", "--no-session"]);
    expect(result.stderr).toBe("");
    // The session lives in the agent, not in the store (whose sessions --no-agent filled).
    expect(result.status).toBe(0);
    expect(world.mfaPrompts()).toBe(before + 1);
    expect(await status()).toMatchObject({ running: "true", sessions: "1", protocol: "1" });
    const again = await world.awsafeCredentials(["credential-process", "admin", "--no-session"]);
    expect(jsonFields(again.stdout).AccessKeyId).toBe(jsonFields(result.stdout).AccessKeyId);
    expect(world.mfaPrompts()).toBe(before + 1);
  });

  it("after a kill -9, the next call recovers the stale socket and costs one new prompt", async () => {
    const pid = Number((await status()).pid);
    process.kill(pid, "SIGKILL");
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    const before = world.mfaPrompts();
    const result = await world.awsafeCredentials(["credential-process", "admin", "--no-session"]);
    expect(result.status).toBe(0);
    expect(world.mfaPrompts()).toBe(before + 1);
    expect(Number((await status()).pid)).not.toBe(pid);
  });

  it("stops, and leaves no process", async () => {
    const pid = Number((await status()).pid);
    const stopped = await world.awsafe(["agent", "stop"]);
    expect(stopped.stdout).toBe("awsafe agent: stopped\n");
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await world.awsafe(["agent", "status"])).status).toBe(69);
  });
});
