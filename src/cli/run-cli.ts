import { Command, CommanderError, Option } from "commander";
import { ExitCode, UsageError } from "../errors.js";
import type { CliIo } from "./io.js";
import { reportError } from "./report-error.js";
import { commandTable } from "./command-table.js";

/**
 * Parses `args`, runs the one command they name and returns the exit code. Command modules are
 * imported only when their command runs.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const debug = args.includes("--debug");
  let exitCode: number = ExitCode.Ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return fromCommanderError(error, io);
    return reportError(error, io, debug);
  }
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("awsafe")
    .description("Short-lived, MFA-backed AWS credentials without keys on disk.")
    .version(__AWSAFE_VERSION__, "-V, --version")
    .addOption(new Option("--debug", "print error causes"))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined,
    });
  for (const spec of commandTable) {
    const command = program.command(spec.usage).description(spec.description);
    for (const option of spec.options) command.addOption(option);
    command.action(async (...actionArgs: unknown[]) => {
      const run = await spec.load();
      setExitCode(await run(commandArguments(actionArgs), io));
    });
  }
  return program;
}

/** Commander passes positionals, then the options object, then the Command itself. */
function commandArguments(actionArgs: readonly unknown[]): {
  positionals: unknown[];
  options: Record<string, unknown>;
} {
  const positionals = actionArgs.slice(0, -2);
  const options = actionArgs.at(-2);
  return { positionals, options: isRecord(options) ? options : {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function fromCommanderError(error: CommanderError, io: CliIo): ExitCode {
  // Help and version output are successes; everything else Commander rejects is a usage error.
  if (error.exitCode === 0) return ExitCode.Ok;
  const message = error.message.replace(/^error: /, "");
  return reportError(
    new UsageError(message, { hint: "run `awsafe --help` for the commands and options" }),
    io,
    false,
  );
}
