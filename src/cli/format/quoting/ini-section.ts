import { iniHint } from "./ini-value.js";
import { refuseValue } from "./refuse-value.js";

/**
 * `[profile]` for the AWS credentials file. botocore and the AWS SDK for JavaScript read the
 * same name from a header of printable ASCII without spaces, brackets or comment characters; a
 * space would make the SDK read `[sso-session x]` as another kind of section.
 *
 * @throws ConfigError (exit 78) naming what breaks the rule.
 */
export function iniSection(profile: string): string {
  refuseValue(
    profile,
    {
      subject: `profile ${JSON.stringify(profile)}`,
      reader: "the AWS credentials file",
      hint: iniHint,
    },
    [
      {
        pattern: /[^\x21-\x7E]|[[\]#;]/u,
        what: "holds a space, a bracket, # or ; or a character other than printable ASCII",
        why: "which INI readers do not all read back as the same section name",
      },
      {
        pattern: /^$|^__proto__$/,
        what: "is empty or __proto__",
        why: "which the AWS SDK for JavaScript refuses",
      },
    ],
  );
  return `[${profile}]`;
}
