import {
  awsCredentialVariables,
  awsafeSecretVariables,
  type Environment,
} from "../ports/environment.js";

/**
 * Whether a child gets the AWS credentials awsafe's own environment holds.
 *
 * - `keep-aws-credentials`: `credential_process` (botocore and the JS SDK run it in the caller's
 *   whole environment, and a process that calls the AWS CLI or an SDK without `--profile` means
 *   to use the ambient keys: taking them away would make awsafe disagree with the AWS CLI on the
 *   same profile), and `exec`'s child, whose AWS variables awsafe has just set itself.
 * - `drop-aws-credentials`: every other child (`mfa_process`, the zenity/kdialog/osascript
 *   dialogs, ykman, pass and its gpg, the agent). They print a code or decrypt a file and have no
 *   use for AWS keys, so keys that are there, e.g. for `credential_source = Environment`, which
 *   awsafe reads itself and never hands to a child, are not left in their `/proc/<pid>/environ`.
 *   The agent gets each client's variables with its request instead.
 */
export type AwsCredentialsPolicy = "keep-aws-credentials" | "drop-aws-credentials";

/**
 * The environment of a child awsafe starts: `parent`'s, without awsafe's own secrets (the store
 * passphrase variables: never in any child) and, by `policy`, without the AWS credential
 * variables. Every spawn goes through here, so the rule lives in one place.
 */
export function childEnvironment(
  parent: Environment,
  policy: AwsCredentialsPolicy,
): Record<string, string> {
  const dropped = new Set(
    policy === "keep-aws-credentials"
      ? awsafeSecretVariables
      : [...awsafeSecretVariables, ...awsCredentialVariables],
  );
  const child: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !dropped.has(name)) child[name] = value;
  }
  return child;
}
