import { isBareWord } from "./bare-word.js";
import { environmentRules, refuseValue, shellHint } from "./refuse-value.js";

/**
 * `value` as one word for fish. Inside fish's single quotes `\'` is a quote and `\\` a
 * backslash (unlike POSIX shells, where `'\''` would let fish run the rest of the value), and
 * every other character is itself, newlines and control characters included.
 *
 * @throws ConfigError (exit 78) for NUL and unpaired surrogates.
 */
export function fishWord(value: string, subject: string): string {
  refuseValue(value, { subject, reader: "fish", hint: shellHint }, environmentRules);
  return isBareWord(value) ? value : `'${value.replace(/[\\']/g, "\\$&")}'`;
}
