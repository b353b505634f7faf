import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control, seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { stsCounts } from "./engine-fixture.js";
import {
  jsonFields,
  makeWorld,
  secretServiceAvailable,
  type WorldBackend,
} from "./awsafe-world.js";

// DESIGN §6: 20 parallel `credential-process` calls on a cold cache make 1 MFA prompt,
// 1 GetSessionToken and 1 AssumeRole, whichever store holds the cache. The keychain needs a
// Secret Service (scripts/with-secret-service.sh): locally it may skip, in CI it must run.
const keychain = secretServiceAvailable() || process.env["CI"] !== undefined;
if (!keychain) {
  console.warn(
    "test/engine/parallel.test.ts: keychain case skipped — no Secret Service (run under scripts/with-secret-service.sh)",
  );
}

let emulator: RunningEmulator;
const homes: string[] = [];
beforeAll(async () => {
  emulator = await start({ port: 0 });
});
afterAll(async () => {
  await emulator.stop();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

describe.each([
  ["file", "--no-agent", true],
  ["keychain", "--no-agent", keychain],
  ["file", "through the agent", true],
] as const)(
  "20 parallel credential-process calls, %s store, %s",
  (backend: WorldBackend, mode, enabled) => {
    it.runIf(enabled)("make one MFA prompt, one GetSessionToken and one AssumeRole", async () => {
      const world = makeWorld(emulator, backend);
      homes.push(world.home);
      const user = seedUser(emulator, "assume-only");
      const added = await world.awsafe(["add", "base", "--env"], {
        AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
        AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
      });
      expect(added.status).toBe(0);
      await control(emulator, "DELETE", "stats");
      const runs = await Promise.all(
        Array.from({ length: 20 }, () =>
          world.awsafeCredentials([
            "credential-process",
            "admin",
            ...(mode === "--no-agent" ? ["--no-agent"] : []),
          ]),
        ),
      );
      await world.stopAgent();
      for (const run of runs) {
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
      }
      const keyIds = new Set(runs.map((run) => jsonFields(run.stdout).AccessKeyId));
      expect(keyIds.size).toBe(1);
      expect(world.mfaPrompts()).toBe(1);
      expect(await stsCounts(emulator)).toEqual({ "sts:GetSessionToken": 1, "sts:AssumeRole": 1 });
    });
  },
);
