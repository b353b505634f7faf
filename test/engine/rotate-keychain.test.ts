import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretServiceAvailable } from "./awsafe-world.js";
import {
  expectOneStoredWorkingKey,
  type RotateWorld,
  startRotateWorld,
  storedKey,
} from "./rotate-world.js";

// Rotation with the OS keychain through the agent. The agent's memo of answers notices changes
// of the encrypted file but not of the keychain, so rotate must tell the agent to drop what it
// holds for the old key. Needs a Secret Service (scripts/with-secret-service.sh): locally it may
// skip, in CI it must run.
const keychain = secretServiceAvailable() || process.env["CI"] !== undefined;
if (!keychain) console.warn("test/engine/rotate-keychain.test.ts: skipped — no Secret Service");

let ctx: RotateWorld | undefined;
beforeAll(async () => {
  if (keychain) ctx = await startRotateWorld("keychain");
});
afterAll(async () => {
  await ctx?.stop();
});

describe.runIf(keychain)("awsafe rotate, keychain store, through the agent", () => {
  it("stores the new key in the keychain and the agent serves nothing made from the old one", async () => {
    if (ctx === undefined) throw new Error("no world");
    const { world, emulator } = ctx;
    expect((await world.awsafeCredentials(["credential-process", "admin"])).status).toBe(0);
    expect(world.mfaPrompts()).toBe(1);
    const rotated = await world.awsafe(["rotate", "base"]);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stderr).toMatch(/in the agent\)/);
    expect(world.mfaPrompts(), "the agent's MFA session was used").toBe(1);
    const after = await storedKey(world);
    if (after === undefined) throw new Error("no stored key");
    await expectOneStoredWorkingKey(ctx);

    emulator.state.stats.reset();
    const served = await world.awsafeCredentials(["credential-process", "admin"]);
    expect(served.status, served.stderr).toBe(0);
    expect(world.mfaPrompts(), "a new MFA session, from the new key").toBe(2);
    // The new session was made with the new key.
    const stats = emulator.state.stats.snapshot();
    expect(stats.operations["sts:GetSessionToken"]).toBe(1);
    expect(stats.accessKeys[after.accessKeyId]).toBe(1);
  });
});
