import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { maxStderrBytes, runBounded, type BoundedRunOptions } from "./run-bounded.js";

// Real children throughout: the point is what happens to real processes and pipes.
const dir = mkdtempSync(path.join(tmpdir(), "awsafe-bounded-"));
/** Processes a failing test could leave running. */
const leftovers: number[] = [];
afterAll(() => {
  for (const pid of leftovers) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone, as it should be.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const options: BoundedRunOptions = {
  env: { PATH: process.env["PATH"] ?? "" },
  stdin: { input: "" },
  stderr: "capture",
  maxOutputBytes: 4096,
  timeoutMs: 10_000,
};

/** Whether `pid` still runs: a killed process waiting to be reaped (a zombie) does not. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** The pid a child script wrote to `file` (it is written before the child floods or waits). */
async function pidIn(file: string): Promise<number> {
  let pid = 0;
  await vi.waitFor(
    () => {
      pid = Number(readFileSync(file, "utf8").trim());
      expect(pid).toBeGreaterThan(0);
    },
    { timeout: 5_000, interval: 20 },
  );
  return pid;
}

describe("runBounded", () => {
  it("returns what an ordinary command printed, the end of a long stderr, and its exit code", async () => {
    const script = `process.stdout.write("out"); process.stderr.write("x".repeat(10000) + "\\nlast line\\n"); process.exit(3)`;
    const outcome = await runBounded(process.execPath, ["-e", script], options);
    expect(outcome).toMatchObject({ kind: "exited", exitCode: 3, signal: null, stdout: "out" });
    const stderr = outcome.kind === "exited" ? outcome.stderr : "";
    expect(stderr.length).toBe(maxStderrBytes);
    expect(stderr.endsWith("\nlast line\n")).toBe(true);
  });

  it("writes the input to stdin and closes it", async () => {
    const outcome = await runBounded("cat", [], { ...options, stdin: { input: "secret-TEST" } });
    expect(outcome).toMatchObject({ kind: "exited", exitCode: 0, stdout: "secret-TEST" });
  });

  it("kills /usr/bin/yes as soon as it passes the cap, and does not wait for it", async () => {
    const pidFile = path.join(dir, "yes.pid");
    const started = Date.now();
    const outcome = await runBounded("sh", ["-c", `echo $$ > '${pidFile}'; exec /usr/bin/yes`], {
      ...options,
      maxOutputBytes: 64 * 1024,
    });
    expect(outcome).toEqual({ kind: "too-much-output" });
    expect(Date.now() - started).toBeLessThan(5_000);
    const pid = await pidIn(pidFile);
    await vi.waitFor(() => {
      expect(alive(pid)).toBe(false);
    });
  });

  it("kills a command that outlives its time limit", async () => {
    const pidFile = path.join(dir, "sleep.pid");
    const started = Date.now();
    const outcome = await runBounded("sh", ["-c", `echo $$ > '${pidFile}'; exec sleep 1000`], {
      ...options,
      timeoutMs: 300,
    });
    expect(outcome).toEqual({ kind: "timed-out" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(5_000);
    const pid = await pidIn(pidFile);
    await vi.waitFor(() => {
      expect(alive(pid)).toBe(false);
    });
  });

  it("kills the process group a command made of its own, grandchildren included", async () => {
    const pidFile = path.join(dir, "grandchild.pid");
    // setsid(1) makes the child lead a new session and group; its `sleep` stays in that group
    // and holds the stdout pipe, so only a kill of the whole group ends the run cleanly.
    const outcome = await runBounded(
      "setsid",
      ["sh", "-c", `sleep 1000 & echo $! > '${pidFile}'; wait`],
      { ...options, timeoutMs: 500 },
    );
    expect(outcome).toEqual({ kind: "timed-out" });
    const grandchild = await pidIn(pidFile);
    leftovers.push(grandchild);
    await vi.waitFor(() => {
      expect(alive(grandchild)).toBe(false);
    });
  });

  it("does not wait for a grandchild in awsafe's own group that keeps stdout open", async () => {
    const started = Date.now();
    const pidFile = path.join(dir, "orphan.pid");
    const outcome = await runBounded("sh", ["-c", `sleep 30 & echo $! > '${pidFile}'; exit 0`], {
      ...options,
      timeoutMs: 300,
    });
    // The shell exited at once, but its sleep holds the pipe: the run ends at the limit.
    expect(outcome).toEqual({ kind: "timed-out" });
    expect(Date.now() - started).toBeLessThan(5_000);
    process.kill(await pidIn(pidFile), "SIGKILL");
  });

  it("rejects with the spawn error when the program does not exist", async () => {
    await expect(runBounded("no-such-program-FAKE", [], options)).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
});
