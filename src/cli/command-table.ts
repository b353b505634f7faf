import type { Option } from "commander";
import type { ExitCode } from "../errors.js";
import type { CliIo } from "./io.js";

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

/** Every command awsafe has. */
export const commandTable: readonly CommandSpec[] = [];
