import type { ArgSpec, CommandNode, OptionSpec } from "../command-spec.js";

/** Values that come from the user's files, looked up only when a word needs them. */
export interface CompletionValues {
  /** Profile names of the shared files (no store is opened, nothing is asked). */
  readonly profiles: () => readonly string[];
}

/**
 * The candidates for the last of `words` (the words after `awsafe`, the last one being the word
 * under the cursor, maybe empty), from the command table itself: command and subcommand names,
 * a command's options, an option's values (its choices, or profile names for options naming a
 * profile), and profile names where a command takes a profile. Candidates start with the word
 * being completed; hidden commands and options are never offered.
 */
export function completeWords(
  table: readonly CommandNode[],
  words: readonly string[],
  values: CompletionValues,
): string[] {
  const current = words.at(-1) ?? "";
  const before = words.slice(0, -1);
  let nodes = table;
  let command: CommandNode | undefined;
  let positionals = 0;
  let pendingOption: OptionSpec<unknown> | undefined;
  let afterDashes = false;
  for (const word of before) {
    if (pendingOption !== undefined) {
      pendingOption = undefined;
      continue;
    }
    if (word === "--") {
      afterDashes = true;
      continue;
    }
    if (!afterDashes && word.startsWith("-")) {
      const option = command?.options.find((spec) => longFlag(spec) === word.split("=")[0]);
      if (option !== undefined && takesValue(option) && !word.includes("=")) pendingOption = option;
      continue;
    }
    const sub = positionals === 0 ? nodes.find((node) => node.name === word) : undefined;
    if (sub !== undefined && (command === undefined || command.subcommands.length > 0)) {
      command = sub;
      nodes = sub.subcommands;
      continue;
    }
    positionals++;
  }
  // After `--` come a command's own words (exec's program and its arguments): none of awsafe's.
  if (afterDashes && command !== undefined) return [];
  const candidates = candidatesFor(command, nodes, positionals, pendingOption, current, values);
  return candidates.filter((candidate) => candidate.startsWith(current));
}

function candidatesFor(
  command: CommandNode | undefined,
  nodes: readonly CommandNode[],
  positionals: number,
  pendingOption: OptionSpec<unknown> | undefined,
  current: string,
  values: CompletionValues,
): readonly string[] {
  if (pendingOption !== undefined) return optionValues(pendingOption, values);
  if (command === undefined || command.subcommands.length > 0) {
    const names = nodes.filter((node) => !node.hidden).map((node) => node.name);
    return current.startsWith("-")
      ? ["--help", ...(command === undefined ? ["--version"] : [])]
      : names;
  }
  if (current.startsWith("-")) {
    return [...command.options.filter((spec) => spec.hidden !== true).map(longFlag), "--help"];
  }
  const arg: ArgSpec<unknown> | undefined =
    command.args[positionals] ?? command.args.find((spec) => spec.variadic);
  return arg !== undefined && arg.name === "profile" && !arg.variadic ? values.profiles() : [];
}

function optionValues(option: OptionSpec<unknown>, values: CompletionValues): readonly string[] {
  if (option.choices !== undefined) return option.choices;
  return /profile/.test(longFlag(option)) ? values.profiles() : [];
}

/** `--format <format>` → `--format`; `--no-agent` → `--no-agent`. */
function longFlag(option: OptionSpec<unknown>): string {
  return /--[\w-]+/.exec(option.flags)?.[0] ?? option.flags;
}

function takesValue(option: OptionSpec<unknown>): boolean {
  return /<[^>]+>/.test(option.flags);
}
