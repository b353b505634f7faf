import type { ChildProcess } from "node:child_process";

/** How to run a child that must answer within bounds. */
export interface BoundedRunOptions {
  /** The child's whole environment (see `child-environment.ts`). */
  readonly env: Readonly<Record<string, string>>;
  /** `inherit` gives it this process's stdin (the terminal); `input` is written to it, then closed. */
  readonly stdin: "inherit" | { readonly input: string };
  /** `inherit` lets it talk to the user; `capture` keeps the end of what it says. */
  readonly stderr: "inherit" | "capture";
  /** The most it may print on stdout. */
  readonly maxOutputBytes: number;
  /** How long it may run. */
  readonly timeoutMs: number;
}

/** How a bounded run ended. */
export type BoundedOutcome =
  | {
      readonly kind: "exited";
      readonly exitCode: number | null;
      readonly signal: NodeJS.Signals | null;
      readonly stdout: string;
      /** The last {@link maxStderrBytes} of it, when captured; else empty. */
      readonly stderr: string;
    }
  /** It printed more than `maxOutputBytes`, and was killed. */
  | { readonly kind: "too-much-output" }
  /** It ran past `timeoutMs`, and was killed. */
  | { readonly kind: "timed-out" };

/**
 * Captured stderr kept: only its last line is ever shown, so a child that writes to stderr without
 * end costs this much memory and no more (its time limit ends it).
 */
export const maxStderrBytes = 4 * 1024;

/**
 * Runs `program` without a shell, and kills it (SIGKILL; its process group too when it made one
 * of its own) as soon as it prints more than `maxOutputBytes` or outlives `timeoutMs`. Output is
 * counted in bytes and kept as buffers, so `/usr/bin/yes` costs at most the cap, where a growing
 * string would end the process with a RangeError. A child killed is not waited for: a grandchild
 * holding its stdout open must not hold awsafe (or the agent's single-flight lock) either.
 *
 * @throws the spawn error when the program cannot be started (not found, not executable).
 */
export async function runBounded(
  program: string,
  args: readonly string[],
  options: BoundedRunOptions,
): Promise<BoundedOutcome> {
  // Loaded here, not at the top: the credential_process hot path never runs a command.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: options.env,
      stdio: [
        options.stdin === "inherit" ? "inherit" : "pipe",
        "pipe",
        options.stderr === "capture" ? "pipe" : "inherit",
      ],
    });
    let settled = false;
    const settle = (outcome: BoundedOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const stop = (outcome: BoundedOutcome) => {
      if (settled) return;
      killChild(child);
      child.stdout?.destroy();
      child.stderr?.destroy();
      settle(outcome);
    };
    const timer = setTimeout(() => {
      stop({ kind: "timed-out" });
    }, options.timeoutMs);
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = Buffer.alloc(0);
    // Piped above, so present; the typings cannot tell from a computed stdio array.
    child.stdout?.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxOutputBytes) stop({ kind: "too-much-output" });
      else stdout.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderrTail = Buffer.concat([stderrTail, chunk]);
      if (stderrTail.length > maxStderrBytes) {
        stderrTail = stderrTail.subarray(stderrTail.length - maxStderrBytes);
      }
    });
    child.on("error", (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode, signal) => {
      settle({
        kind: "exited",
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: stderrTail.toString("utf8"),
      });
    });
    if (options.stdin !== "inherit") {
      // The child may exit before reading stdin; its exit code says why.
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(options.stdin.input);
    }
  });
}

/**
 * SIGKILL to the child and, when it leads a process group of its own (it called `setsid` or
 * `setpgid`), to that group: a pgid equal to the child's pid can only be a group the child made,
 * and the pid cannot be reused while the child is not reaped. A child left in awsafe's own group
 * is killed alone: signalling that group would kill awsafe.
 */
function killChild(child: ChildProcess): void {
  const { pid } = child;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: it has no group of its own (or this platform has no process groups).
  }
  child.kill("SIGKILL");
}
