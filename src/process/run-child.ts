import { spawn } from "node:child_process";
import { constants } from "node:os";
import { UsageError } from "../errors.js";
import { childEnvironment } from "./child-environment.js";

/** Signals a terminal or a supervisor sends that the child, not awsafe, should act on. */
const forwarded: readonly NodeJS.Signals[] = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGQUIT",
  "SIGUSR1",
  "SIGUSR2",
  "SIGWINCH",
];

/**
 * Runs `program` with the terminal (stdin, stdout, stderr inherited) and `env` (never with
 * awsafe's passphrase, whoever built it: see `child-environment.ts`), forwarding the
 * signals above while it runs, and resolves to its exit code, or 128 + the signal's number when
 * a signal ended it (as shells report it).
 *
 * @throws UsageError when the program cannot be started (not found, not executable).
 */
export function runChild(
  program: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      // exec's child gets the AWS variables awsafe set for it.
      env: childEnvironment(env, "keep-aws-credentials"),
      stdio: "inherit",
    });
    const forward = (signal: NodeJS.Signals) => {
      child.kill(signal);
    };
    const stopForwarding = () => {
      for (const signal of forwarded) process.off(signal, forward);
    };
    for (const signal of forwarded) process.on(signal, forward);
    child.on("error", (error) => {
      stopForwarding();
      reject(
        new UsageError(`Cannot run "${program}": ${error.message}`, {
          hint: "Check the command's name and that it is on PATH",
          cause: error,
        }),
      );
    });
    child.on("exit", (code, signal) => {
      stopForwarding();
      resolve(signal === null ? (code ?? 1) : 128 + constants.signals[signal]);
    });
  });
}
