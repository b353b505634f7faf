import { ConfigError } from "../../errors.js";
import { validIdentifier } from "../parse/parse-ini-sections.js";

/**
 * Rejects anything outside the subset of the shared-config format that the AWS CLI, the SDKs'
 * common grammar and the JS SDK all read the same way (SPECS §a.9): profile names of
 * `[A-Za-z0-9_\-/.%@:+]`, keys of lower-case `[a-z0-9_]`, and non-empty one-line values without
 * surrounding whitespace or anything a parser could cut off as an inline comment. Messages name
 * the profile and key but never the value, which may be a secret.
 *
 * @throws ConfigError naming the offending input, with a hint at the fix.
 */
export function assertSafeProfileInput(
  profile: string,
  values: Readonly<Record<string, string>>,
): void {
  // `__proto__` is a valid identifier, but the JS SDK refuses to parse a section by that name.
  if (!validIdentifier.test(profile) || profile === "__proto__") {
    throw new ConfigError(
      `Cannot write profile ${JSON.stringify(profile)}: the name is not readable by every AWS tool`,
      {
        hint: "Use a profile name made only of letters, digits and _-/.%@:+",
      },
    );
  }
  for (const [key, value] of Object.entries(values)) {
    if (!/^[a-z0-9_]+$/.test(key) || key === "__proto__") {
      throw new ConfigError(
        `Cannot write key ${JSON.stringify(key)} to profile "${profile}": not a shared-config key`,
        {
          hint: "Keys are lower-case letters, digits and underscores, such as region or role_arn",
        },
      );
    }
    const problem = valueProblem(value);
    if (problem !== undefined) {
      throw new ConfigError(`Cannot write ${key} to profile "${profile}": the value ${problem}`, {
        hint: "Give a non-empty value on one line, without leading or trailing spaces or a space before # or ;",
      });
    }
  }
}

/** Why some reader would not read `value` back unchanged, or `undefined` when all would. */
function valueProblem(value: string): string | undefined {
  if (value === "") return "is empty (the JS SDK reads `key =` as the start of a sub-section)";
  // Control characters include CR and LF; U+0085/U+2028/U+2029 break lines for some readers.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\x00-\x08\n-\x1f\x7f\x85\u2028\u2029]/.test(value))
    return "contains a line break or control character";
  // JS `\s` plus the extra characters Python's strip() removes (U+001C–U+001F are caught above).
  if (/^\s|\s$/.test(value)) return "starts or ends with whitespace, which readers trim";
  // The SDKs cut ` #…` and ` ;…` as an inline comment; the JS SDK also a leading `#` or `;`.
  if (/(^|\s)[#;]/.test(value))
    return 'contains "#" or ";" at the start or after whitespace, which some readers cut off as a comment';
  return undefined;
}
