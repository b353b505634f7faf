import type { Environment } from "../ports/environment.js";
import { ConfigError } from "../errors.js";
import type {
  CommandResult,
  CommandRunner,
  CommandVector,
  RunCommandOptions,
} from "../ports/command-runner.js";
import { splitCommand } from "../config/split-command.js";

/**
 * The {@link CommandRunner} over `child_process.spawn`, never through a shell: a value from the
 * config file is never interpreted by `sh`. stdin is inherited so a command can read the
 * terminal; stdout is always captured.
 */
export function spawnCommandRunner(env: Environment, setting: string): CommandRunner {
  return {
    run: (command: string | CommandVector, options: RunCommandOptions) =>
      runSplit(
        typeof command === "string" ? splitCommand(command, setting) : command,
        env,
        options,
        setting,
      ),
  };
}

async function runSplit(
  [program, ...args]: readonly [string, ...string[]],
  env: Environment,
  options: RunCommandOptions,
  setting: string,
): Promise<CommandResult> {
  // Loaded here, not at the top: the credential_process hot path never runs a command.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env,
      stdio: ["inherit", "pipe", options.stderr === "capture" ? "pipe" : "inherit"],
    });
    let stdout = "";
    let stderr = "";
    // Piped above, so present; the typings cannot tell from a computed stdio array.
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => {
      reject(
        new ConfigError(`Cannot run ${setting} "${program}": ${error.message}`, {
          hint: `Check that ${program} is installed and on PATH, or give its absolute path in ${setting}`,
          cause: error,
        }),
      );
    });
    child.on("close", (exitCode, signal) => {
      resolve({ exitCode, signal, stdout, stderr });
    });
  });
}
