import { UsageError } from "../errors.js";
import type { CommandInput } from "./command-table.js";

/** The `index`th positional as a string, or `undefined` when it was not given. */
export function positional(input: CommandInput, index: number): string | undefined {
  const value = input.positionals[index];
  return typeof value === "string" ? value : undefined;
}

/** A string option's value, or `undefined` when it was not given. */
export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new UsageError(`--${kebab(name)} takes one value`);
  return value;
}

/** A boolean flag. */
export function flag(input: CommandInput, name: string): boolean {
  return input.options[name] === true;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A repeatable string option's values (`--profile a --profile b`), in order. */
export function stringListOption(input: CommandInput, name: string): string[] {
  const value = input.options[name];
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  throw new UsageError(`--${kebab(name)} takes a value`);
}
