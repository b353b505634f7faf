import { Option } from "commander";
import type { ExitCode } from "../errors.js";
import type { CliIo } from "./io.js";
import { configureOptions } from "./commands/configure-options.js";

/** What a command receives from the parser: its positionals and its options, untyped. */
export interface CommandInput {
  readonly positionals: readonly unknown[];
  readonly options: Readonly<Record<string, unknown>>;
}

/** A command's body: validates its input, calls a use-case, prints, returns the exit code. */
export type CommandRun = (input: CommandInput, io: CliIo) => Promise<ExitCode>;

/** One row of the command table; `load` imports the command's module on demand. */
export interface CommandSpec {
  readonly usage: string;
  readonly description: string;
  readonly options: readonly Option[];
  readonly load: () => Promise<CommandRun>;
}

const json = (): Option => new Option("--json", "print JSON");

/** Every command awsafe has. */
export const commandTable: readonly CommandSpec[] = [
  {
    usage: "list",
    description: "list profiles, their regions and where their credentials come from",
    options: [json()],
    load: async () => (await import("./commands/list.js")).run,
  },
  {
    usage: "explain [profile]",
    description: "show the credential plan of a profile, step by step, without calling AWS",
    options: [json()],
    load: async () => (await import("./commands/explain.js")).run,
  },
  {
    usage: "configure <profile>",
    description:
      "create or update a profile's settings, keeping comments (like `aws configure set`)",
    options: configureOptions.map(({ flag, key }) => new Option(flag, `set ${key}`)),
    load: async () => (await import("./commands/configure.js")).run,
  },
];
