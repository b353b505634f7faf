import { isBareWord } from "./bare-word.js";
import { environmentRules, refuseValue, type ValueRule } from "./refuse-value.js";

/**
 * `value` for a `.env` file that `set -a; . file` (sh, bash, zsh), python-dotenv, Node's
 * `--env-file` / `util.parseEnv` and the `dotenv` package all read as the same value: bare when
 * plain, else in single quotes, which all of them take literally (no `$` expansion, no escapes)
 * as long as the value holds no quote, no backslash, no line break and no `${`. Those are
 * refused rather than escaped, as no escape reads the same everywhere: python-dotenv turns `\'`
 * into `'` where sh keeps the backslash, and expands `${NAME}` even in single quotes (with no
 * way to escape it); Node drops a CR that python-dotenv turns into LF; older readers stop at the
 * first newline.
 *
 * @throws ConfigError (exit 78) naming the first such character.
 */
export function dotenvValue(value: string, subject: string): string {
  refuseValue(value, { subject, reader: "a dotenv file", hint: dotenvHint }, dotenvRules);
  return isBareWord(value) ? value : `'${value}'`;
}

const dotenvRules: readonly ValueRule[] = [
  ...environmentRules,
  {
    pattern: /[\p{Cc}\u2028\u2029]/u,
    what: "holds a control character or line break",
    why: "which dotenv readers split or translate differently",
  },
  {
    pattern: /['\\]/,
    what: "holds a quote or a backslash",
    why: "which dotenv readers unescape differently",
  },
  { pattern: /\$\{/, what: "holds ${", why: "which python-dotenv expands even in single quotes" },
];

const dotenvHint =
  "--format env quotes any value for sh, bash and zsh; --format json prints any value JSON-escaped.";
