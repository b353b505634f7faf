import { AppError, UsageError } from "../errors.js";
import { validIdentifier } from "./parse/parse-ini-sections.js";
import { readSessionTags } from "./profile/read-session-tags.js";

// Formats AWS documents for these settings (STS API reference; SPECS §b.5). Checking them before
// writing turns a typo into an error now rather than an AccessDenied at the first AWS call.
const formats: Readonly<Record<string, { pattern: RegExp; expected: string }>> = {
  role_arn: {
    pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    expected: "an IAM role ARN such as arn:aws:iam::123456789012:role/Admin",
  },
  mfa_serial: {
    pattern: /^[\w+=/:,.@-]{9,256}$/,
    expected: "an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice, or a hardware serial",
  },
  external_id: {
    pattern: /^[\w+=,.@:/-]{2,1224}$/,
    expected: "2 to 1224 characters of letters, digits and +=,.@:/-",
  },
  role_session_name: {
    pattern: /^[\w+=,.@-]{2,64}$/,
    expected: "2 to 64 characters of letters, digits and +=,.@-",
  },
  duration_seconds: {
    pattern: /^\d+$/,
    expected: "a whole number of seconds between 900 and 43200",
  },
  region: { pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/, expected: "a region code such as eu-west-1" },
  credential_source: {
    pattern: /^(Environment|Ec2InstanceMetadata|EcsContainer)$/,
    expected: "Environment, Ec2InstanceMetadata or EcsContainer",
  },
  source_profile: {
    pattern: validIdentifier,
    expected: "a profile name made of letters, digits and _-/.%@:+",
  },
  sso_session: {
    pattern: validIdentifier,
    expected: "an sso-session name made of letters, digits and _-/.%@:+",
  },
  sso_account_id: { pattern: /^\d{12}$/, expected: "a 12-digit account id" },
  source_identity: {
    pattern: /^[\w+=,.@-]{2,64}$/,
    expected: "2 to 64 characters of letters, digits and +=,.@-",
  },
};

// Keys awsafe will not write in plain text: they belong in the secret store.
const secretKeys = new Set([
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "aws_security_token",
]);

/**
 * Rejects a profile name given on the command line that not every AWS tool reads the same way
 * in `[profile NAME]` and `source_profile` (a usage error: the files are not at fault).
 *
 * @throws UsageError naming the characters a name may have.
 */
export function checkProfileName(profile: string): void {
  // `__proto__` is a valid identifier, but the JS SDK refuses to parse a section by that name.
  if (!validIdentifier.test(profile) || profile === "__proto__") {
    throw new UsageError(
      `${JSON.stringify(profile)} is not a profile name every AWS tool can read`,
      {
        hint: "Use letters, digits and _-/.%@:+ only.",
      },
    );
  }
}

/**
 * Rejects values given on the command line that AWS would reject, and secrets, before anything
 * is written: usage errors, since the files are not at fault.
 *
 * @throws UsageError naming the setting and what it should be.
 */
export function checkProfileValues(
  profile: string,
  values: Readonly<Record<string, string>>,
): void {
  for (const [key, value] of Object.entries(values)) {
    if (secretKeys.has(key)) {
      throw new UsageError(`awsafe does not write ${key} to the shared files`, {
        hint: `keys belong in the secret store: use \`awsafe add ${profile}\``,
      });
    }
    const format = formats[key];
    if (format !== undefined && !format.pattern.test(value)) {
      throw new UsageError(`${key} "${value}" for profile "${profile}" is not ${format.expected}`);
    }
    if (key === "duration_seconds" && (Number(value) < 900 || Number(value) > 43200)) {
      throw new UsageError(
        `duration_seconds ${value} for profile "${profile}" is outside 900..43200`,
        { hint: "AWS accepts 15 minutes to 12 hours for a role session" },
      );
    }
  }
  if (values.session_tags !== undefined) {
    // The reader's own message for a list STS would refuse, as a usage error here.
    try {
      readSessionTags({ session_tags: values.session_tags }, `profile "${profile}"`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new UsageError(error.message, { hint: error.hint, cause: error });
    }
  }
  if (values.source_profile !== undefined && values.credential_source !== undefined) {
    throw new UsageError(
      `profile "${profile}" cannot have both source_profile and credential_source`,
      {
        hint: "choose one: another profile's credentials, or Environment/Ec2InstanceMetadata/EcsContainer",
      },
    );
  }
}
