import { readFileSync } from "node:fs";
import type { Environment } from "../ports/environment.js";

/**
 * Switches the end-to-end tests need and users must never get. They exist only in the test build
 * (`npm run build:test`, `build:bin:test` and vitest define `__AWSAFE_TEST_HOOKS__` as true); in
 * the builds that ship it is false and {@link readTestHooks}, with every variable name below, is
 * left out of the bundle (a test greps the shipped files for them):
 *
 * - `AWSAFE_TEST_CRASH_AT=<step>` kills the process with SIGKILL at that step (to prove a rerun
 *   finishes an interrupted import or migrate);
 * - `AWSAFE_TEST_FILE_WORK_FACTOR` lowers the encrypted file's scrypt cost for new writes (each
 *   derivation costs ~1.5 s at the default 18, and the suite writes the store dozens of times);
 * - `AWSAFE_TEST_KEYCHAIN_SERVICE` files keychain items under another service name, so a test
 *   run inside a real desktop session never touches the user's own `awsafe` items;
 * - `AWSAFE_TEST_CLOCK_OFFSET_FILE` names a file holding seconds added to the clock, read at
 *   every look: a test moves the emulator's clock past a session's expiry and this file by as
 *   much, and awsafe must behave as after that much real time (a missing file counts as 0).
 *
 * They are read from the process's own environment only: the agent never takes them from a
 * client's request.
 */
export interface TestHooks {
  /** Called at each named step of a multi-step command. */
  readonly checkpoint: (step: string) => void;
  readonly fileWorkFactor: number | undefined;
  readonly keychainService: string | undefined;
  /** Epoch milliseconds, as awsafe sees them. */
  readonly nowMs: () => number;
}

/** What a build that ships does: nothing. */
export const noTestHooks: TestHooks = {
  checkpoint: () => undefined,
  fileWorkFactor: undefined,
  keychainService: undefined,
  nowMs: Date.now,
};

/** The hooks `env` asks for in a test build; inert in every other build. */
export function testHooks(env: Environment): TestHooks {
  return __AWSAFE_TEST_HOOKS__ ? readTestHooks(env) : noTestHooks;
}

function readTestHooks(env: Environment): TestHooks {
  const crashAt = env.AWSAFE_TEST_CRASH_AT;
  const factor = Number(env.AWSAFE_TEST_FILE_WORK_FACTOR);
  return {
    checkpoint: (step) => {
      // The point is an unclean death: no finally blocks, no exit handlers, like `kill -9`.
      if (step === crashAt) process.kill(process.pid, "SIGKILL");
    },
    fileWorkFactor: Number.isInteger(factor) && factor >= 1 && factor <= 20 ? factor : undefined,
    keychainService: env.AWSAFE_TEST_KEYCHAIN_SERVICE,
    nowMs: offsetClock(env.AWSAFE_TEST_CLOCK_OFFSET_FILE),
  };
}

function offsetClock(file: string | undefined): () => number {
  if (file === undefined || file === "") return Date.now;
  return () => {
    let seconds = 0;
    try {
      seconds = Number(readFileSync(file, "utf8").trim());
    } catch {
      // Not written yet: the clock is not moved.
    }
    return Date.now() + (Number.isFinite(seconds) ? seconds * 1000 : 0);
  };
}
