import { ConfigError } from "../../../errors.js";

/** A kind of value a reader cannot take: the characters (or shape), and why, for the message. */
export interface ValueRule {
  readonly pattern: RegExp;
  /** What the value does, after "it": `holds NUL`, `is empty`. */
  readonly what: string;
  /** Why the reader cannot take it: `which no environment variable can hold`. */
  readonly why: string;
}

/** What is being printed, for whom, and what the user can do instead. */
export interface ValueTarget {
  /** `AWS_SESSION_TOKEN`, `aws_session_token`, `profile "name"`. */
  readonly subject: string;
  /** `POSIX shells`, `fish`, `a dotenv file`, ... */
  readonly reader: string;
  readonly hint: string;
}

/**
 * What no shell format can print: an environment variable is a C string, and awsafe writes
 * UTF-8, which has no form for half a surrogate pair (a credential process may print `\ud800`).
 */
export const environmentRules: readonly ValueRule[] = [
  { pattern: /\0/, what: "holds NUL", why: "which no environment variable can hold" },
  {
    pattern: /\p{Cs}/u,
    what: "holds half of a UTF-16 surrogate pair",
    why: "which has no UTF-8 form",
  },
];

/** The hint of every shell format's refusal. */
export const shellHint =
  "It comes from the profile's credential source or region setting; `awsafe export --format json` prints any value JSON-escaped.";

/**
 * Throws a ConfigError (exit 78) for the first of `rules` that `value` breaks. The message names
 * the character by code point and position, never the value: it may be a secret.
 */
export function refuseValue(value: string, target: ValueTarget, rules: readonly ValueRule[]): void {
  for (const rule of rules) {
    const match = rule.pattern.exec(value);
    if (match === null) continue;
    const where = match[0] === "" ? "" : ` (${describeCharacter(value, match.index)})`;
    throw new ConfigError(
      `Cannot print ${target.subject} for ${target.reader}: it ${rule.what}${where}, ${rule.why}`,
      { hint: target.hint },
    );
  }
}

function describeCharacter(value: string, index: number): string {
  const codePoint = value.codePointAt(index) ?? 0;
  const position = Array.from(value.slice(0, index)).length + 1;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}, character ${position}`;
}
