import { spawn } from "node:child_process";
import { constants } from "node:os";
import { CommandStartError, ExitCode } from "../errors.js";
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
 * @throws CommandStartError when the program cannot be started: not found (exit 127) or not
 *   executable (126), the codes env(1) and POSIX shells use.
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
      reject(startError(program, error));
    });
    child.on("exit", (code, signal) => {
      stopForwarding();
      resolve(signal === null ? (code ?? 1) : 128 + constants.signals[signal]);
    });
  });
}

function startError(program: string, error: NodeJS.ErrnoException): CommandStartError {
  if (error.code === "ENOENT") {
    return new CommandStartError(`Cannot run "${program}": command not found`, ExitCode.NotFound, {
      hint: "Check the command's name and that it is on PATH",
      cause: error,
    });
  }
  const why = error.code === "EACCES" ? "permission denied" : (error.code ?? error.message);
  return new CommandStartError(`Cannot run "${program}": ${why}`, ExitCode.CannotExecute, {
    hint: "Check that it is a program and that it is executable (chmod +x)",
    cause: error,
  });
}
