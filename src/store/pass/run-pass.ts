import { spawn } from "node:child_process";
import { StoreError } from "../../errors.js";

/** What `pass` printed and how it exited. */
export interface PassResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `pass` with `args` (item names only, never a secret) and `input` on stdin, where secrets
 * go. A missing `pass` binary is a StoreError; a non-zero exit is returned for the caller to judge.
 */
export function runPass(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  input = "",
): Promise<PassResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("pass", args, { env, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.once("error", (error) => {
      reject(notInstalled(error));
    });
    child.once("close", (code) => {
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
    // pass may exit before reading stdin (e.g. an uninitialized store); its exit code says why.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}

function notInstalled(error: Error): StoreError {
  return new StoreError("Cannot run `pass`: it is not installed or not on PATH", {
    hint: "Install pass (e.g. `apt-get install pass`), or choose another store with --backend.",
    cause: error,
  });
}
