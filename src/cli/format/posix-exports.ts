import { posixWord } from "./quoting/posix-word.js";

/**
 * `export NAME=value` lines for sh, bash and zsh, each value quoted by {@link posixWord}: what
 * `export --format env` and `serve` print.
 *
 * @throws ConfigError (exit 78) for a value no shell variable can hold.
 */
export function posixExports(variables: readonly (readonly [string, string])[]): string {
  return variables.map(([name, value]) => `export ${name}=${posixWord(value, name)}\n`).join("");
}
