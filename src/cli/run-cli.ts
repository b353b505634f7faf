import { Command, CommanderError, Option } from "commander";
import { ExitCode, UsageError } from "../errors.js";
import type { CommandNode, ParsedWords } from "./command-spec.js";
import { commandTable } from "./command-table.js";
import type { CliIo } from "./io.js";
import { debugWanted } from "./debug-output.js";
import { styleFor } from "./format/style.js";
import { reportError } from "./report-error.js";

/**
 * Parses `args`, runs the one command they name and returns the exit code. Command bodies are
 * imported only when their command runs.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const debug = io.debug !== undefined || debugWanted(args, {});
  let exitCode: number = ExitCode.Ok;
  const program = buildProgram(args, io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return fromCommanderError(error, args, io);
    return reportError(error, io, debug, styleFor(io.stderr, io.env));
  }
}

function buildProgram(
  args: readonly string[],
  io: CliIo,
  setExitCode: (code: number) => void,
): Command {
  const program = new Command("awsafe")
    .description("Short-lived, MFA-backed AWS credentials without keys on disk.")
    .version(__AWSAFE_VERSION__, "-V, --version")
    .addOption(
      new Option(
        "--debug",
        "print on stderr what awsafe decides and does (redacted), and error causes",
      ),
    )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined,
    });
  for (const node of commandsToBuild(args)) addNode(program, node, { args, io, setExitCode });
  return program;
}

/**
 * The command `args` name, alone, when they name one: commander needs the others only for the
 * overview (`awsafe --help`, `awsafe help`) and to suggest a name for a mistyped one, and
 * building all of them costs every command a few milliseconds. awsafe's own options before the
 * command take no value, so the command is the first word that is not an option.
 */
function commandsToBuild(args: readonly string[]): readonly CommandNode[] {
  const word = args.find((arg) => !arg.startsWith("-"));
  const named = commandTable.find((node) => node.name === word);
  return named === undefined ? commandTable : [named];
}

interface RunState {
  readonly args: readonly string[];
  readonly io: CliIo;
  readonly setExitCode: (code: number) => void;
}

function addNode(parent: Command, node: CommandNode, state: RunState): void {
  const command = parent
    .command(node.name, node.hidden ? { hidden: true } : {})
    .description(node.description)
    .exitOverride();
  for (const arg of node.args) {
    const name = `${arg.name}${arg.variadic ? "..." : ""}`;
    command.argument(arg.required ? `<${name}>` : `[${name}]`, arg.description);
  }
  for (const spec of node.options) {
    const option = new Option(spec.flags, spec.description);
    if (spec.hidden === true) option.hideHelp();
    if (spec.repeatable === true) {
      option.argParser((value: string, previous: string[] | undefined) => [
        ...(previous ?? []),
        value,
      ]);
    }
    command.addOption(option);
  }
  if (node.examples.length > 0) {
    command.addHelpText("after", `\nExamples:\n${node.examples.map((e) => `  ${e}`).join("\n")}\n`);
  }
  for (const sub of node.subcommands) addNode(command, sub, state);
  const run = node.run;
  if (run !== undefined) {
    command.action(async (...actionArgs: unknown[]) => {
      const words = parsedWords(actionArgs, wordsAfterDoubleDash(state.args, node));
      state.setExitCode(await run(words, state.io));
    });
  }
}

/** Commander passes positionals, then the options object, then the Command itself. */
function parsedWords(actionArgs: readonly unknown[], afterDoubleDash: number): ParsedWords {
  const options = actionArgs.at(-2);
  return {
    positionals: actionArgs.slice(0, -2),
    options: typeof options === "object" && options !== null ? { ...options } : {},
    afterDoubleDash,
  };
}

/**
 * How many words follow the literal `--` of `args`, as commander reads them: the first `--` that
 * is not the value of an option of `node` (`--region --` gives the region "--"). awsafe's own
 * options before the command take no value.
 */
function wordsAfterDoubleDash(args: readonly string[], node: CommandNode): number {
  const valueFlags = new Set(
    node.options
      .filter((spec) => /<[^>]+>/.test(spec.flags))
      .flatMap((spec) => spec.flags.split(/[ ,|]+/).filter((flag) => flag.startsWith("-"))),
  );
  for (let index = 0; index < args.length; index++) {
    const word = args[index] ?? "";
    if (word === "--") return args.length - index - 1;
    if (valueFlags.has(word)) index++;
  }
  return 0;
}

function fromCommanderError(error: CommanderError, args: readonly string[], io: CliIo): number {
  switch (error.code) {
    case "commander.helpDisplayed":
    case "commander.version":
      return ExitCode.Ok;
    // Help shown because a command or subcommand was missing (bare `awsafe`, `awsafe agent`).
    case "commander.help":
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  const message = error.message.replace(/^error: /, "");
  const named = commandPath(args);
  const help = named.length === 0 ? "awsafe --help" : `awsafe ${named.join(" ")} --help`;
  return reportError(
    new UsageError(message, { hint: `run \`${help}\` for its arguments and options` }),
    io,
    false,
    styleFor(io.stderr, io.env),
  );
}

/** The command (and subcommand) `args` name, as far as the table knows them. */
function commandPath(args: readonly string[]): string[] {
  const path: string[] = [];
  let nodes = commandTable;
  for (const word of args) {
    if (word.startsWith("-")) continue;
    const node = nodes.find((candidate) => candidate.name === word);
    if (node === undefined) break;
    path.push(node.name);
    nodes = node.subcommands;
  }
  return path;
}
