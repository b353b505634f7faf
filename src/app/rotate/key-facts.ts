import type { IamAccessKey, IamPort } from "../../ports/aws/iam.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import { AppError } from "../../errors.js";
import { redact } from "../../redact.js";

/** One of the user's access keys as the output shows it: never its secret. */
export interface KeyFacts {
  readonly accessKeyId: string;
  readonly status: "Active" | "Inactive";
  readonly createDate: Date | undefined;
  /** `undefined` when never used or unknown; `lastUsedKnown` says which. */
  readonly lastUsed?: Date | undefined;
  readonly lastUsedKnown?: boolean;
}

/** `2026-05-01 09:30 UTC`, or "an unknown time". */
export function formatTime(date: Date | undefined): string {
  if (date === undefined) return "an unknown time";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `****WXYZ (Inactive, created 2026-05-01 09:30 UTC, last used never)`. */
export function describeKey(key: KeyFacts): string {
  const used = !key.lastUsedKnown
    ? ""
    : `, last used ${key.lastUsed === undefined ? "never" : formatTime(key.lastUsed)}`;
  return `${redact(key.accessKeyId)} (${key.status}, created ${formatTime(key.createDate)}${used})`;
}

/**
 * The key with when it was last used (`GetAccessKeyLastUsed`), for a message about it; the key
 * as listed when IAM will not say (the message must not fail for want of a date).
 */
export async function withLastUsed(
  iam: IamPort,
  credentials: AwsCredentials,
  key: IamAccessKey,
  profile: string,
): Promise<KeyFacts> {
  try {
    const used = await iam.getAccessKeyLastUsed(credentials, key.accessKeyId, { profile });
    return { ...key, lastUsed: used.lastUsedDate, lastUsedKnown: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return key;
  }
}
