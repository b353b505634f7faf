import { isBareWord } from "./bare-word.js";
import { environmentRules, refuseValue, shellHint } from "./refuse-value.js";

/**
 * `value` as one word for sh, bash and zsh: bare when it is plain, else in single quotes, inside
 * which these shells take every character as itself (newlines, `\`, `$`, control characters
 * and any other byte included); a `'` closes the quotes, is given as `\'` and reopens them. Used for `export --format env` and `serve`'s `export` lines.
 *
 * @throws ConfigError (exit 78) for NUL and unpaired surrogates, which no shell variable holds.
 */
export function posixWord(value: string, subject: string): string {
  refuseValue(value, { subject, reader: "POSIX shells", hint: shellHint }, environmentRules);
  return isBareWord(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
