import { refuseValue, type ValueRule } from "./refuse-value.js";

/**
 * `value` after `key = ` in the AWS credentials file. INI has no quoting or escapes, so a value
 * is printed as it is or refused: the AWS CLI (botocore's configparser) strips spaces at either
 * end and cannot hold a line break; the AWS SDK for JavaScript also cuts a value at a `#` or `;`
 * after a space and reads an empty value as a nested section; and botocore reads the file in
 * the locale's encoding (Windows-1252 on many Windows machines), so only printable ASCII reads
 * back the same everywhere.
 *
 * @throws ConfigError (exit 78) naming what breaks the rule.
 */
export function iniValue(value: string, key: string): string {
  refuseValue(
    value,
    { subject: key, reader: "the AWS credentials file", hint: iniHint },
    iniValueRules,
  );
  return value;
}

/** The hint of every `--format ini` refusal. */
export const iniHint =
  "A credentials-file value is one line of printable ASCII; --format json or env prints any value.";

const iniValueRules: readonly ValueRule[] = [
  {
    pattern: /[^\x20-\x7E]/u,
    what: "holds a character other than printable ASCII",
    why: "which the credentials file cannot carry the same way to every reader",
  },
  {
    pattern: /^$/,
    what: "is empty",
    why: "which the AWS SDK for JavaScript reads as the start of a nested section",
  },
  { pattern: /^ | $/, what: "starts or ends with a space", why: "which INI readers strip" },
  {
    pattern: /(?<=^| )[#;]/,
    what: "has a word starting with # or ;",
    why: "which the AWS SDK for JavaScript reads as a comment",
  },
];
