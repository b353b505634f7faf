import { AuthError } from "../../errors.js";
import { AwsUnavailableError } from "../../ports/aws/aws-errors.js";
import type { RotationKeyCreated } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import { RotateStep, type RotationDeps } from "./rotation-deps.js";

/** How long a new key may be refused before the rotation stops (and a rerun tries again). */
export const newKeyWaitMs = 60_000;

/** The pauses between tries: doubling from 1 s, then every 8 s. */
function pauseBefore(attempt: number): number {
  return 1000 * 2 ** Math.min(attempt - 1, 3);
}

/**
 * Step 4: waits until STS accepts the new key (GetCallerIdentity signed with it) as the same
 * user. IAM is eventually consistent: a key CreateAccessKey just made may be refused
 * (`InvalidClientTokenId`) for seconds, which is what broke several tools' rotations, so refusals
 * are retried with backoff for up to {@link newKeyWaitMs}. Any other failure stops at once; the
 * journal keeps the new key for the rerun.
 *
 * @throws AwsUnavailableError when the key is still refused at the end, or STS cannot be reached.
 */
export async function waitForNewKey(
  deps: RotationDeps,
  profile: string,
  journal: RotationKeyCreated,
): Promise<void> {
  const key = { accessKeyId: journal.newAccessKeyId, secretAccessKey: journal.newSecretAccessKey };
  const newKey = redact(journal.newAccessKeyId);
  const rerun = `The stored key ${redact(journal.oldAccessKeyId)} still works and the new one is kept in the rotation journal: run \`awsafe rotate ${profile}\` again to finish`;
  let waited = 0;
  for (let attempt = 1; ; attempt += 1) {
    const answer = await identityOf(deps, key, profile, rerun);
    if ("arn" in answer) {
      if (answer.arn !== journal.userArn) {
        throw new AuthError(
          `The new key ${newKey} belongs to ${answer.arn}, not to ${journal.userArn}`,
          { hint: rerun },
        );
      }
      deps.progress(
        waited === 0 ? `${newKey} works` : `${newKey} works (after ${String(waited / 1000)} s)`,
      );
      deps.checkpoint(RotateStep.Verified);
      return;
    }
    const refusal = answer.refused;
    if (waited >= newKeyWaitMs) {
      throw new AwsUnavailableError(
        `AWS still refuses the new key ${newKey} after ${String(waited / 1000)} s: ${refusal.message}`,
        { hint: rerun, cause: refusal },
      );
    }
    if (attempt === 1) {
      deps.progress(`waiting for ${newKey} to work (IAM takes a moment to spread a new key)`);
    }
    const pause = Math.min(pauseBefore(attempt), newKeyWaitMs - waited);
    await deps.sleep(pause);
    waited += pause;
  }
}

/** Who the key is, or AWS's refusal of it; an unreachable STS is thrown. */
async function identityOf(
  deps: RotationDeps,
  key: { readonly accessKeyId: string; readonly secretAccessKey: string },
  profile: string,
  rerun: string,
): Promise<{ readonly arn: string } | { readonly refused: AuthError }> {
  try {
    return { arn: (await deps.sts.getCallerIdentity(key, { profile })).arn };
  } catch (error) {
    if (error instanceof AuthError) return { refused: error };
    if (error instanceof AwsUnavailableError) {
      throw new AwsUnavailableError(
        `Could not check the new key ${redact(key.accessKeyId)}: ${error.message}`,
        { hint: rerun, cause: error },
      );
    }
    throw error;
  }
}
