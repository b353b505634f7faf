import { UsageError } from "../errors.js";
import type { ArgSpec, OptionSpec } from "./command-spec.js";
import { parseDuration } from "./parse-duration.js";

/** A switch: `true` when given. */
export function flagOption(flags: string, description: string): OptionSpec<boolean> {
  return { flags, description, read: (raw) => raw === true };
}

/** A `--no-x` switch: `true` when given (commander files it as `x: false`). */
export function negatedFlag(flags: `--no-${string}`, description: string): OptionSpec<boolean> {
  return { flags, description, read: (raw) => raw === false };
}

/** An option with one value, `undefined` when not given. */
export function textOption(
  flags: string,
  description: string,
  more: { readonly hidden?: boolean } = {},
): OptionSpec<string | undefined> {
  return {
    flags,
    description,
    ...more,
    read: (raw) => {
      if (raw === undefined) return undefined;
      if (typeof raw !== "string") throw new UsageError(`${longFlag(flags)} takes one value`);
      return raw;
    },
  };
}

/** An option whose value is one of `choices`; `fallback` when not given. */
export function choiceOption<const C extends string, const F extends C | undefined>(
  flags: string,
  description: string,
  choices: readonly C[],
  fallback: F,
): OptionSpec<C | F> {
  return {
    flags,
    description: fallback === undefined ? description : `${description} (default: ${fallback})`,
    choices,
    read: (raw) => {
      if (raw === undefined) return fallback;
      const found = choices.find((choice) => choice === raw);
      if (found === undefined) {
        throw new UsageError(`${longFlag(flags)} ${JSON.stringify(raw)} is not one of its values`, {
          hint: `Use one of: ${choices.join(", ")}`,
        });
      }
      return found;
    },
  };
}

/** A repeatable option (`--profile a --profile b`): its values in order. */
export function listOption(flags: string, description: string): OptionSpec<readonly string[]> {
  return {
    flags,
    description,
    repeatable: true,
    read: (raw) => {
      if (raw === undefined) return [];
      if (Array.isArray(raw) && raw.every((item) => typeof item === "string")) return raw;
      throw new UsageError(`${longFlag(flags)} takes a value`);
    },
  };
}

/** `--duration 12h`: seconds, checked for form here; the limits are checked against the plan. */
export function durationOption(flags: string, description: string): OptionSpec<number | undefined> {
  const text = textOption(flags, description);
  return {
    ...text,
    read: (raw) => {
      const value = text.read(raw);
      return value === undefined ? undefined : parseDuration(value);
    },
  };
}

/** A positional the command cannot do without (the parser reports it missing). */
export function requiredArg(name: string, description: string): ArgSpec<string> {
  return {
    name,
    description,
    required: true,
    variadic: false,
    read: (raw) => {
      if (typeof raw !== "string") throw new UsageError(`missing ${name}`);
      return raw;
    },
  };
}

/** A positional that may be left out. */
export function optionalArg(name: string, description: string): ArgSpec<string | undefined> {
  return {
    name,
    description,
    required: false,
    variadic: false,
    read: (raw) => (typeof raw === "string" ? raw : undefined),
  };
}

/** The rest of the words (`exec <profile> -- cmd args...`). */
export function variadicArg(name: string, description: string): ArgSpec<readonly string[]> {
  return {
    name,
    description,
    required: false,
    variadic: true,
    read: (raw) =>
      Array.isArray(raw) ? raw.filter((word): word is string => typeof word === "string") : [],
  };
}

function longFlag(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags;
}
