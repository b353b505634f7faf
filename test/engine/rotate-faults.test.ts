import { spawn } from "node:child_process";
import { chmodSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { control } from "../../emulator/test-support/emulator-fixture.js";
import { awsafeArgv } from "../support/awsafe-command.js";
import { expectNoSecretIn } from "./awsafe-world.js";
import { expectOneStoredWorkingKey, type RotateWorld, startRotateWorld } from "./rotate-world.js";

// The fault matrix of `awsafe rotate` (issue 14): each step × {an AWS (or store) failure
// injected, the process killed there with SIGKILL through the test build's crash points}. After
// the failed run, and again after a rerun, exactly one active key of the user is the stored key
// and it works, and at most one key in IAM is not stored. Each case runs in a fresh emulator and
// HOME. The outcome table is printed at the end; with ROTATE_FAULTS_VERBOSE=1, each case's output.
const verbose = process.env["ROTATE_FAULTS_VERBOSE"] !== undefined;

interface Case {
  readonly step: string;
  readonly fault: string;
  /** Arms the fault, or gives the environment that kills the run. */
  readonly arm?: (ctx: RotateWorld) => Promise<void>;
  readonly env?: Record<string, string>;
  /** Drives the first run itself (a fault that must land while it runs). */
  readonly drive?: (ctx: RotateWorld) => Promise<FirstRun>;
  /** The first run's exit: a code, or `killed`. */
  readonly first: number | "killed";
  /** Undoes what `drive` did to the machine before the rerun. */
  readonly repair?: (ctx: RotateWorld) => void;
}

interface FirstRun {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stderr: string;
}

const crash = (step: string): Record<string, string> => ({ AWSAFE_TEST_CRASH_AT: step });
const always =
  (operation: string, kind: string, more: Record<string, unknown> = {}) =>
  async (ctx: RotateWorld) => {
    await ctx.fault({ operation, kind, always: true, ...more });
  };
const dataDir = (ctx: RotateWorld) => path.join(ctx.world.home, ".local/share/awsafe");

const cases: readonly Case[] = [
  {
    step: "1 MFA session",
    fault: "sts:GetSessionToken 500s",
    arm: always("sts:GetSessionToken", "error"),
    first: 69,
  },
  { step: "1 MFA session", fault: "killed", env: crash("rotate-1-credentials"), first: "killed" },
  {
    step: "2 ListAccessKeys",
    fault: "iam:ListAccessKeys 500s",
    arm: always("iam:ListAccessKeys", "error"),
    first: 69,
  },
  { step: "2 ListAccessKeys", fault: "killed", env: crash("rotate-2-listed"), first: "killed" },
  {
    step: "3 CreateAccessKey",
    fault: "iam:CreateAccessKey denied",
    arm: always("iam:CreateAccessKey", "denied"),
    first: 77,
  },
  {
    step: "3 CreateAccessKey",
    fault: "key made, answer lost",
    arm: async (ctx) => {
      await ctx.fault({ operation: "iam:CreateAccessKey", kind: "lost-reply" });
    },
    first: 69,
  },
  {
    step: "3 CreateAccessKey",
    fault: "killed before the call",
    env: crash("rotate-3-intent"),
    first: "killed",
  },
  {
    step: "3 CreateAccessKey",
    fault: "killed after IAM answered, before the journal",
    env: crash("rotate-3-created"),
    first: "killed",
  },
  {
    step: "3 CreateAccessKey",
    fault: "killed after the journal",
    env: crash("rotate-3-journaled"),
    first: "killed",
  },
  {
    step: "4 new key works",
    fault: "sts:GetCallerIdentity (new key) 500s",
    // The first two calls are the stored key's and the MFA session's checks.
    arm: always("sts:GetCallerIdentity", "error", { skip: 2 }),
    first: 69,
  },
  { step: "4 new key works", fault: "killed", env: crash("rotate-4-verified"), first: "killed" },
  {
    step: "5 store new key",
    fault: "store write refused",
    drive: storeRefusedAtStep5,
    repair: (ctx) => {
      chmodSync(dataDir(ctx), 0o700);
    },
    first: 69,
  },
  { step: "5 store new key", fault: "killed", env: crash("rotate-5-stored"), first: "killed" },
  {
    step: "6 delete old key",
    fault: "iam:DeleteAccessKey denied",
    arm: always("iam:DeleteAccessKey", "denied"),
    first: 0,
  },
  {
    step: "6 delete old key",
    fault: "Delete and UpdateAccessKey 500s",
    arm: async (ctx) => {
      await always("iam:DeleteAccessKey", "error")(ctx);
      await always("iam:UpdateAccessKey", "error")(ctx);
    },
    first: 69,
  },
  { step: "6 delete old key", fault: "killed", env: crash("rotate-6-retired"), first: "killed" },
  { step: "7 drop journal", fault: "killed", env: crash("rotate-7-done"), first: "killed" },
];

const rows: string[][] = [];
afterAll(() => {
  const header = ["step", "fault", "first run", "after it", "rerun", "after the rerun"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  console.log(
    [
      "rotate fault matrix (step 7 has no AWS call; step 5's is a store failure):",
      line(header),
      line(widths.map((width) => "-".repeat(width))),
      ...rows.map(line),
    ].join("\n"),
  );
});

describe("awsafe rotate: fault matrix", () => {
  it.each(cases)("$step, $fault", async (fault) => {
    const ctx = await startRotateWorld();
    try {
      await fault.arm?.(ctx);
      const first =
        fault.drive === undefined
          ? await ctx.world.awsafe(["rotate", "base"], fault.env ?? {})
          : await fault.drive(ctx);
      await ctx.clearFaults();
      fault.repair?.(ctx);
      if (fault.first === "killed") expect(first.signal, first.stderr).toBe("SIGKILL");
      else expect(first.status, first.stderr).toBe(fault.first);
      expect(first.stderr).not.toMatch(/\n\s+at /);
      const afterFirst = await expectOneStoredWorkingKey(ctx);
      // Any command goes on working with the stored key meanwhile.
      const served = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
      expect(served.status, served.stderr).toBe(0);

      const rerun = await ctx.world.awsafe(["rotate", "base", "--delete-inactive"]);
      expect(rerun.status, rerun.stderr).toBe(0);
      const afterRerun = await expectOneStoredWorkingKey(ctx);
      expect(afterRerun).toMatch(/^1 key: \S+ Active stored$/);
      expectNoSecretIn(ctx.world, [...ctx.keySecrets]);
      if (verbose) {
        console.log(
          `### ${fault.step} / ${fault.fault}\n--- first\n${first.stderr}--- rerun\n${rerun.stderr}`,
        );
      }
      rows.push([
        fault.step,
        fault.fault,
        first.signal === "SIGKILL" ? "killed" : `exit ${String(first.status)}${note(first.stderr)}`,
        afterFirst,
        `exit 0, ${rerunOutcome(rerun.stderr)}`,
        afterRerun,
      ]);
    } finally {
      await ctx.stop();
    }
  });
});

/** What the first run's output says beyond its exit code. */
function note(stderr: string): string {
  if (/whose answer never arrived/.test(stderr)) return " (lost key deleted)";
  if (/old key \S+ was made inactive/.test(stderr)) return " (old key made inactive)";
  if (/kept in the rotation journal/.test(stderr)) return " (journal kept)";
  return "";
}

/** How the rerun dealt with what the first run left. */
function rerunOutcome(stderr: string): string {
  const finished = /did not finish/.test(stderr);
  if (/whose answer never arrived/.test(stderr)) return "deleted the lost key, rotated";
  if (finished && /is already the stored key/.test(stderr)) return "finished (deleted old key)";
  if (finished && /it had made no key/.test(stderr)) return "nothing to undo, rotated";
  if (finished) return "finished the rotation";
  if (/deleted the inactive key/.test(stderr)) return "deleted the inactive old key, rotated";
  return "rotated";
}

/**
 * Runs `awsafe rotate base` while the new key is slow to work, and makes the store refuse writes
 * (its directory open to others, which awsafe refuses to write into) while step 4 waits: the
 * journal holds the new key, and step 5's write fails.
 */
async function storeRefusedAtStep5(ctx: RotateWorld): Promise<FirstRun> {
  await control(ctx.emulator, "POST", "new-key-delay", { seconds: 3 });
  const command = awsafeArgv(["rotate", "base"]);
  const child = spawn(command.program, command.args, { env: ctx.world.env });
  let stderr = "";
  let refused = false;
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!refused && /waiting for \S+ to work/.test(stderr)) {
      refused = true;
      chmodSync(dataDir(ctx), 0o755);
    }
  });
  const [status, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on("close", (code, killedBy) => {
      resolve([code, killedBy]);
    }),
  );
  ctx.world.captured.push(stderr);
  await control(ctx.emulator, "DELETE", "new-key-delay");
  expect(refused, stderr).toBe(true);
  expect(stderr).toContain("Refusing to write the encrypted store");
  return { status, signal, stderr };
}
