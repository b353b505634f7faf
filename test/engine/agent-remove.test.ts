import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { makeWorld, secretServiceAvailable, type AwsafeWorld } from "./awsafe-world.js";

// `remove` reaches the agent whatever the backend: the agent's memo of answers sees changes of
// the encrypted file, but not of the keychain, so it must be told. The keychain needs a Secret
// Service (scripts/with-secret-service.sh): locally it may skip, in CI it must run.
const keychain = secretServiceAvailable() || process.env["CI"] !== undefined;
if (!keychain) {
  console.warn("test/engine/agent-remove.test.ts: skipped — no Secret Service");
}

let emulator: RunningEmulator;
let world: AwsafeWorld;
beforeAll(async () => {
  emulator = await start({ port: 0 });
  world = makeWorld(emulator, keychain ? "keychain" : "file");
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

describe.runIf(keychain)("remove, keychain store, through the agent", () => {
  it("stops the agent serving a session made from the removed key", async () => {
    const served = await world.awsafeCredentials(["credential-process", "admin"]);
    expect(served.status).toBe(0);
    const removed = await world.awsafe(["remove", "base", "--force"]);
    expect(removed.status).toBe(0);
    expect(removed.stderr).toContain('removed the stored key of "base"');
    expect(removed.stderr).toMatch(
      /removed 2 cached session\(s\) of "base" \(0 in .*, 2 in the agent\)/,
    );
    const after = await world.awsafe(["credential-process", "admin"]);
    expect(after.status).toBe(78);
    expect(after.stdout).toBe("");
  });
});
