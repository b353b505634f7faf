import { AuthError, ConfigError } from "../errors.js";
import { shellQuote } from "../config/awsafe-process-line.js";
import { splitCommand } from "../config/split-command.js";
import type {
  CommandResult,
  CommandRunner,
  CommandVector,
  RunCommandOptions,
} from "../ports/command-runner.js";
import type { Environment } from "../ports/environment.js";
import { childEnvironment, type AwsCredentialsPolicy } from "./child-environment.js";
import { runBounded } from "./run-bounded.js";

/** A time limit, and the variable that sets it (named in the error that it ran out). */
export interface TimeLimit {
  readonly ms: number;
  readonly variable: string;
}

/** What a {@link spawnCommandRunner} runs its commands with. */
export interface SpawnRunnerOptions {
  /** The environment the children's is made from (see `child-environment.ts`). */
  readonly env: Environment;
  /** The setting a command line comes from, for errors in splitting it. */
  readonly setting: string;
  readonly awsCredentials: AwsCredentialsPolicy;
  /** One limit per {@link RunCommandOptions.pace}. */
  readonly timeLimits: { readonly program: TimeLimit; readonly person: TimeLimit };
}

/**
 * The {@link CommandRunner} over `child_process.spawn`, never through a shell: a value from the
 * config file is never interpreted by `sh`. stdin is inherited so a command can read the
 * terminal; stdout is always captured, up to the caller's cap, within the pace's time limit.
 *
 * A command that floods its output or outlives its limit is an authentication failure (exit 77),
 * like one that exits non-zero or prints something unreadable: the setting itself is well-formed
 * and the same command may answer on the next run (a password manager that hung on a locked
 * vault). Exit 78 stays for what is wrong in the files: a line that cannot be split, a program
 * that is not there.
 */
export function spawnCommandRunner(options: SpawnRunnerOptions): CommandRunner {
  const env = childEnvironment(options.env, options.awsCredentials);
  return {
    run: async (command: string | CommandVector, run: RunCommandOptions) => {
      const [program, ...args] =
        typeof command === "string" ? splitCommand(command, options.setting) : command;
      const limit = options.timeLimits[run.pace];
      const shown = typeof command === "string" ? command : command.map(shellQuote).join(" ");
      const outcome = await runBounded(program, args, {
        env,
        stdin: "inherit",
        stderr: run.stderr,
        maxOutputBytes: run.maxOutputBytes,
        timeoutMs: limit.ms,
      }).catch((error: unknown) => {
        throw cannotStart(run.subject, program, error);
      });
      switch (outcome.kind) {
        case "exited":
          return resultOf(outcome);
        case "too-much-output":
          throw new AuthError(
            `${run.subject} printed more than ${sizeText(run.maxOutputBytes)}; awsafe stopped it`,
            { hint: `Run \`${shown}\` by hand to see what it prints` },
          );
        case "timed-out":
          throw new AuthError(
            `${run.subject} did not finish within ${seconds(limit.ms)} s; awsafe stopped \`${shown}\``,
            { hint: timeoutHint(run.pace, limit) },
          );
      }
    },
  };
}

function resultOf(outcome: CommandResult): CommandResult {
  const { exitCode, signal, stdout, stderr } = outcome;
  return { exitCode, signal, stdout, stderr };
}

function cannotStart(subject: string, program: string, error: unknown): ConfigError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ConfigError(`Cannot start "${program}" (${subject}): ${reason}`, {
    hint: `Check that ${program} is installed and on PATH, or give its absolute path`,
    cause: error,
  });
}

function timeoutHint(pace: RunCommandOptions["pace"], limit: TimeLimit): string {
  const more = `allow more time with ${limit.variable}=<seconds> (now ${seconds(limit.ms)})`;
  return pace === "person"
    ? `Answer the dialog sooner, or ${more}`
    : `Run it by hand to see where it waits, or ${more}`;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function sizeText(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
