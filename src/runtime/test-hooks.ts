import { readFileSync } from "node:fs";
import type { Environment } from "../ports/environment.js";

/**
 * Switches the end-to-end tests need and users must never get, honoured only when
 * `NODE_ENV=test`: `AWSAFE_TEST_CRASH_AT=<step>` kills the process with SIGKILL at that step (to
 * prove a rerun finishes an interrupted import or migrate), and `AWSAFE_TEST_FILE_WORK_FACTOR`
 * lowers the encrypted file's scrypt cost for new writes (each derivation costs ~1.5 s at the
 * default 18, and the e2e suite writes the store dozens of times), and
 * `AWSAFE_TEST_KEYCHAIN_SERVICE` files keychain items under another service name, so a test run
 * inside a real desktop session can never touch the user's own `awsafe` items, and
 * `AWSAFE_TEST_CLOCK_OFFSET_FILE` names a file holding a number of seconds added to the clock of
 * the credential endpoint (`serve`, `exec --server`), read at every look at the clock: a test
 * moves the emulator's clock past a session's expiry and this file by as much, and the endpoint
 * must refresh as it would after that much real time (a missing or unreadable file counts as 0).
 */
export interface TestHooks {
  /** Called at each named step of a multi-step command. */
  readonly checkpoint: (step: string) => void;
  readonly fileWorkFactor: number | undefined;
  readonly keychainService: string | undefined;
  /** Epoch milliseconds, as the credential endpoint sees them. */
  readonly nowMs: () => number;
}

/** The hooks `env` asks for; inert unless `NODE_ENV=test`. */
export function testHooks(env: Environment): TestHooks {
  if (env.NODE_ENV !== "test") {
    return {
      checkpoint: () => undefined,
      fileWorkFactor: undefined,
      keychainService: undefined,
      nowMs: Date.now,
    };
  }
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

/** The engine's clock: the real one, or under `NODE_ENV=test` the one the tests move. */
export function hookedNow(env: Environment): () => Date {
  const { nowMs } = testHooks(env);
  return () => new Date(nowMs());
}
