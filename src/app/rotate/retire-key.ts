import { AppError } from "../../errors.js";
import { AwsUnavailableError } from "../../ports/aws/aws-errors.js";
import { redact } from "../../redact.js";
import type { RotationDeps } from "./rotation-deps.js";
import type { RotationSession } from "./rotation-session.js";

/** What became of a key rotation wanted gone. */
export type RetireOutcome =
  | { readonly state: "deleted" }
  | { readonly state: "inactive"; readonly why: string }
  | { readonly state: "active"; readonly why: string; readonly error: AppError };

/** How many times DeleteAccessKey is tried when IAM cannot be reached or keeps throttling. */
const deleteAttempts = 3;

/**
 * Deletes one of the user's keys (the old key after a rotation, or a new key nobody can use):
 * DeleteAccessKey, tried again when IAM is unreachable or throttling (the SDK has already
 * retried each attempt). A key that is no longer listed afterwards counts as deleted (the answer
 * of a delete that worked may be what was lost). When it cannot be deleted (no permission,
 * throttled to the end), it is made Inactive if IAM allows that.
 */
export async function retireKey(
  deps: RotationDeps,
  session: RotationSession,
  accessKeyId: string,
): Promise<RetireOutcome> {
  const { caller, userName, profile } = session;
  let failure: AppError | undefined;
  for (let attempt = 1; attempt <= deleteAttempts; attempt += 1) {
    try {
      await deps.iam.deleteAccessKey(caller.credentials, accessKeyId, userName, { profile });
      return { state: "deleted" };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failure = error;
      if (!(error instanceof AwsUnavailableError) || attempt === deleteAttempts) break;
      await deps.sleep(1000 * 2 ** (attempt - 1));
    }
  }
  if (failure === undefined) return { state: "deleted" };
  if ((await stillListed(deps, session, accessKeyId)) === false) return { state: "deleted" };
  const why = `it could not be deleted: ${failure.message}`;
  try {
    await deps.iam.updateAccessKey(
      caller.credentials,
      { accessKeyId, status: "Inactive" },
      userName,
      { profile },
    );
    return { state: "inactive", why };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { state: "active", why: `${why}; nor made inactive: ${error.message}`, error: failure };
  }
}

/** `deleted`, `made inactive (…)` or `left active (…)`, for a sentence about the key. */
export function describeOutcome(accessKeyId: string, outcome: RetireOutcome): string {
  const key = redact(accessKeyId);
  switch (outcome.state) {
    case "deleted":
      return `${key} was deleted`;
    case "inactive":
      return `${key} was made inactive (${outcome.why})`;
    case "active":
      return `${key} is still active (${outcome.why})`;
  }
}

async function stillListed(
  deps: RotationDeps,
  session: RotationSession,
  accessKeyId: string,
): Promise<boolean | undefined> {
  try {
    const keys = await deps.iam.listAccessKeys(session.caller.credentials, session.userName, {
      profile: session.profile,
    });
    return keys.some((key) => key.accessKeyId === accessKeyId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return undefined;
  }
}
