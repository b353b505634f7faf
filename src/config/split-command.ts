import { ConfigError } from "../errors.js";

/**
 * Splits a command line into words as POSIX `sh` (and Python's `shlex.split`, which botocore uses
 * for `credential_process`) would, without expanding anything: blanks separate words, single
 * quotes keep everything, double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``, and a
 * backslash outside quotes keeps the next character.
 *
 * @throws ConfigError on an unterminated quote or a trailing backslash, or an empty line.
 */
export function splitCommand(line: string, setting: string): [string, ...string[]] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word = (word ?? "") + char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && /["\\$`]/.test(line.charAt(i + 1)))
        word = (word ?? "") + line.charAt(++i);
      else word = (word ?? "") + char;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= "";
    } else if (char === "\\") {
      if (i + 1 >= line.length) throw malformed(setting, "it ends with a backslash");
      word = (word ?? "") + line.charAt(++i);
    } else {
      word = (word ?? "") + char;
    }
  }
  if (quote !== undefined) throw malformed(setting, `a ${quote} quote is not closed`);
  if (word !== undefined) words.push(word);
  const [program, ...args] = words;
  if (program === undefined) throw malformed(setting, "it is empty");
  return [program, ...args];
}

function malformed(setting: string, reason: string): ConfigError {
  return new ConfigError(`Cannot run ${setting}: ${reason}`, {
    hint: `Write ${setting} as a command line with balanced quotes, e.g. \`/usr/bin/tool --flag "a value"\``,
  });
}
