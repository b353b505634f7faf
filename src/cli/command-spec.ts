import type { CliIo } from "./io.js";

/**
 * One option of a command: commander's flags and help, and how the parsed value becomes the
 * typed field of the command's input. Reading checks the value (a usage error names the flag).
 */
export interface OptionSpec<T> {
  /** Commander's flags: `--format <format>`, `--no-agent`, `--json`. */
  readonly flags: string;
  readonly description: string;
  /** The values it takes, for help and completion. */
  readonly choices?: readonly string[];
  /** Given more than once, it collects its values. */
  readonly repeatable?: boolean;
  /** Left out of the help (internal switches). */
  readonly hidden?: boolean;
  /** The parser's value (`undefined` when not given) → the typed value. */
  readonly read: (raw: unknown) => T;
}

/** One positional argument. */
export interface ArgSpec<T> {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly variadic: boolean;
  readonly read: (raw: unknown) => T;
}

/** The options and arguments of a command, by the name of their field in its input. */
export type OptionSpecs = Readonly<Record<string, OptionSpec<unknown>>>;
export type ArgSpecs = Readonly<Record<string, ArgSpec<unknown>>>;

/** The typed input of a command with these arguments and options. */
export type InputOf<A extends ArgSpecs, O extends OptionSpecs> = {
  readonly [K in keyof A]: A[K] extends ArgSpec<infer T> ? T : never;
} & { readonly [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };

/**
 * A command's body: takes its typed input, calls a use-case, prints, returns the exit code (an
 * `ExitCode`, or the status of the child `exec` ran).
 */
export type CommandRun<I> = (input: I, io: CliIo) => Promise<number>;

/**
 * What the parser hands over: positionals in order (a variadic argument's words as one array)
 * and options by commander's names.
 */
export interface ParsedWords {
  readonly positionals: readonly unknown[];
  readonly options: Readonly<Record<string, unknown>>;
  /** How many of the words were given after a literal `--` (commander drops the `--` itself). */
  readonly afterDoubleDash: number;
}

/**
 * A node of the command table, its types erased: a command with a body, or a group of
 * subcommands (`agent start|stop|status`), or both.
 */
export interface CommandNode {
  readonly name: string;
  readonly description: string;
  readonly args: readonly ArgSpec<unknown>[];
  readonly options: readonly OptionSpec<unknown>[];
  readonly examples: readonly string[];
  readonly hidden: boolean;
  readonly subcommands: readonly CommandNode[];
  /** Reads the parsed words, loads the body (its module is imported only now) and runs it. */
  readonly run: ((words: ParsedWords, io: CliIo) => Promise<number>) | undefined;
}

/** What {@link defineCommand} takes: a command with its own typed body. */
export interface CommandDefinition<A extends ArgSpecs, O extends OptionSpecs> {
  readonly name: string;
  readonly description: string;
  readonly args: A;
  readonly options: O;
  readonly examples?: readonly string[];
  readonly hidden?: boolean;
  /** Imports the body: `async () => (await import("./run-export.js")).runExport`. */
  readonly load: () => Promise<CommandRun<InputOf<A, O>>>;
}

/**
 * A command whose body receives `InputOf<A, O>`: each argument and option read by its own spec,
 * by field name, so the body never looks at the parser's untyped values.
 */
export function defineCommand<const A extends ArgSpecs, const O extends OptionSpecs>(
  definition: CommandDefinition<A, O>,
): CommandNode {
  const args = Object.entries(definition.args);
  const options = Object.entries(definition.options);
  return {
    name: definition.name,
    description: definition.description,
    args: args.map(([, spec]) => spec),
    options: options.map(([, spec]) => spec),
    examples: definition.examples ?? [],
    hidden: definition.hidden ?? false,
    subcommands: [],
    run: async (words, io) => {
      const positionals = argumentWords(
        args.map(([, spec]) => spec),
        words,
      );
      const fields: [string, unknown][] = [
        ...args.map(([field, spec], index): [string, unknown] => [
          field,
          spec.read(positionals[index]),
        ]),
        ...options.map(([field, spec]): [string, unknown] => [
          field,
          spec.read(words.options[attributeName(spec)]),
        ]),
      ];
      const input: Record<string, unknown> = Object.fromEntries(fields);
      const run = await definition.load();
      // The fields were read above by the specs `InputOf<A, O>` is made of; fromEntries cannot say so.
      return run(input as InputOf<A, O>, io);
    },
  };
}

/**
 * The words of each argument. A command ending in a variadic argument (`exec [profile] --
 * <command...>`) takes its other arguments only from words before `--`: `awsafe exec -- aws s3
 * ls` names no profile, where commander would make `aws` the profile.
 */
function argumentWords(specs: readonly ArgSpec<unknown>[], words: ParsedWords): readonly unknown[] {
  if (words.afterDoubleDash === 0 || specs.at(-1)?.variadic !== true) return words.positionals;
  const fixed = specs.length - 1;
  const flat = words.positionals.flatMap((word): unknown[] => {
    const items: unknown[] = Array.isArray(word) ? word : [word];
    return items;
  });
  const given = Math.min(fixed, flat.length - words.afterDoubleDash);
  return [
    ...flat.slice(0, given),
    ...Array.from({ length: fixed - given }, () => undefined),
    flat.slice(given),
  ];
}

/** A group of subcommands under one name (`awsafe agent <start|stop|status>`). */
export function defineGroup(group: {
  readonly name: string;
  readonly description: string;
  readonly subcommands: readonly CommandNode[];
  readonly examples?: readonly string[];
}): CommandNode {
  return {
    name: group.name,
    description: group.description,
    args: [],
    options: [],
    examples: group.examples ?? [],
    hidden: false,
    subcommands: group.subcommands,
    run: undefined,
  };
}

/**
 * The key commander files an option's value under: `--mfa-token <code>` → `mfaToken`,
 * `--no-agent` → `agent`.
 */
export function attributeName(spec: OptionSpec<unknown>): string {
  const long = /--(?:no-)?([\w-]+)/.exec(spec.flags)?.[1] ?? spec.flags;
  return long.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
