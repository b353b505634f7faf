import { UsageError } from "../../errors.js";
import { redact } from "../../redact.js";

/**
 * Checks that a key pair looks like an IAM user's long-term access key, before it is stored:
 * the id is `AKIA` plus 16 capital letters or digits, the secret 40 characters of base64
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 * `ASIA` ids are temporary STS credentials that expire within hours: storing one as a long-term
 * key would fail later, far from the mistake. Messages never show the secret, and show the id
 * only redacted, since a secret pasted into the wrong prompt would otherwise be printed.
 *
 * @throws UsageError naming which half is wrong and what was expected.
 */
export function checkLongTermKey(accessKeyId: string, secretAccessKey: string): void {
  checkAccessKeyId(accessKeyId);
  checkSecretAccessKey(secretAccessKey);
}

/**
 * The first half of {@link checkLongTermKey}, for a prompt that checks the key ID as soon as it
 * is typed, before the secret is asked for.
 *
 * @throws UsageError for a temporary (`ASIA`) or malformed key ID.
 */
export function checkAccessKeyId(accessKeyId: string): void {
  if (accessKeyId.startsWith("ASIA")) {
    throw new UsageError(
      `The access key ID ${redact(accessKeyId)} is a temporary (ASIA...) key; only long-term keys can be stored`,
      {
        hint: "Store the IAM user's own access key (AKIA...); awsafe gets temporary credentials from it when needed.",
      },
    );
  }
  if (!/^AKIA[A-Z0-9]{16}$/.test(accessKeyId)) {
    throw new UsageError(
      `The access key ID ${redact(accessKeyId)} (${accessKeyId.length} characters) is not an IAM user's access key ID`,
      { hint: "An access key ID is 20 characters: AKIA followed by 16 capital letters or digits." },
    );
  }
}

/**
 * The second half of {@link checkLongTermKey}.
 *
 * @throws UsageError when the secret is not 40 characters of base64.
 */
export function checkSecretAccessKey(secretAccessKey: string): void {
  if (!/^[A-Za-z0-9/+]{40}$/.test(secretAccessKey)) {
    throw new UsageError(
      `The secret access key (${secretAccessKey.length} characters) is not a secret access key`,
      { hint: "A secret access key is 40 characters of letters, digits, / and +." },
    );
  }
}
