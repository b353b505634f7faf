import { type AppError, AuthError, ConfigError, UsageError } from "../../errors.js";
import type { IamAccessKey } from "../../ports/aws/iam.js";
import { redact } from "../../redact.js";
import { describeKey, withLastUsed } from "./key-facts.js";
import { RotateStep, type RotationDeps } from "./rotation-deps.js";
import { profilesStoring } from "./rotation-journal.js";
import type { RotationSession } from "./rotation-session.js";

/**
 * Step 2: the user's keys, with room for a new one. IAM allows two keys per user: a second key
 * that is inactive and that awsafe does not store is deleted after a yes (or with
 * `--delete-inactive`); an active one, or one awsafe stores for another profile, stops the
 * rotation with what to do. Returns the keys as they are then.
 *
 * @throws ConfigError when the stored key is not the user's, or the second key is in the way;
 *   UsageError when the inactive key may not be deleted.
 */
export async function listKeysWithRoom(
  deps: RotationDeps,
  session: RotationSession,
): Promise<IamAccessKey[]> {
  const keys = await listKeys(deps, session);
  const storedId = session.stored.accessKeyId;
  if (!keys.some((key) => key.accessKeyId === storedId)) {
    throw new ConfigError(
      `The stored key ${redact(storedId)} of "${session.profile}" is not one of the keys of IAM user ${session.userName} (${keys.map((key) => redact(key.accessKeyId)).join(", ") || "none"})`,
      { hint: `Store the user's current key with \`awsafe add ${session.profile} --force\`` },
    );
  }
  deps.progress(
    `keys of IAM user ${session.userName}: ${keys.map((key) => `${redact(key.accessKeyId)} (${key.status}${key.accessKeyId === storedId ? ", stored" : ""})`).join(", ")}`,
  );
  let remaining = keys;
  for (const other of keys.filter((key) => key.accessKeyId !== storedId)) {
    const facts = await withLastUsed(deps.iam, session.caller.credentials, other, session.profile);
    const holders = await profilesStoring(deps.store, other.accessKeyId);
    if (other.status === "Active" || holders.length > 0)
      throw secondKeyInTheWay(session, facts, holders);
    deps.progress(`IAM user ${session.userName} has a second, inactive key: ${describeKey(facts)}`);
    if (!(await deps.confirmDeleteInactive(facts))) {
      throw new UsageError(
        `Kept the inactive key ${redact(other.accessKeyId)}; IAM allows two keys, so no new key can be made beside it`,
        {
          hint: `Run \`awsafe rotate ${session.profile} --delete-inactive\` to delete it, or delete it yourself`,
        },
      );
    }
    await deps.iam.deleteAccessKey(
      session.caller.credentials,
      other.accessKeyId,
      session.userName,
      { profile: session.profile },
    );
    deps.progress(`deleted the inactive key ${redact(other.accessKeyId)}`);
    remaining = remaining.filter((key) => key.accessKeyId !== other.accessKeyId);
  }
  deps.checkpoint(RotateStep.Listed);
  return remaining;
}

/** The user's keys (ListAccessKeys), with the permissions rotation needs named on refusal. */
export async function listKeys(
  deps: RotationDeps,
  session: RotationSession,
): Promise<IamAccessKey[]> {
  try {
    return await deps.iam.listAccessKeys(session.caller.credentials, session.userName, {
      profile: session.profile,
    });
  } catch (error) {
    throw withPolicyHint(error, session);
  }
}

/**
 * An IAM refusal during a rotation, with the permissions the user needs added to its hint
 * (what `AllowManageOwnAccessKeys` of AWS's force-MFA policy grants).
 */
export function withPolicyHint(error: unknown, session: RotationSession): unknown {
  if (!(error instanceof AuthError)) return error;
  const needed = `rotating needs iam:ListAccessKeys, iam:CreateAccessKey, iam:UpdateAccessKey, iam:DeleteAccessKey and iam:GetAccessKeyLastUsed on arn:aws:iam::${session.accountId}:user/\${aws:username}, allowed from an MFA session when the policy asks for MFA`;
  return new AuthError(error.message, {
    hint:
      error.hint === undefined
        ? `IAM user ${session.userName}: ${needed}`
        : `${error.hint}; ${needed}`,
    cause: error,
  });
}

function secondKeyInTheWay(
  session: RotationSession,
  other: Parameters<typeof describeKey>[0],
  holders: readonly string[],
): AppError {
  const stored =
    holders.length === 0 ? "" : `; awsafe stores it for ${holders.map((p) => `"${p}"`).join(", ")}`;
  const id = redact(other.accessKeyId);
  return new ConfigError(
    `IAM user ${session.userName} already has two access keys, the most IAM allows: the stored ${redact(session.stored.accessKeyId)} and ${describeKey(other)}${stored}`,
    {
      hint:
        holders.length > 0
          ? `Rotate or remove that profile's key first, or delete ${id} in IAM if nothing uses it`
          : other.status === "Active"
            ? `If nothing uses ${id}, make it inactive (\`aws iam update-access-key --status Inactive --access-key-id <id>\`) or delete it, then run \`awsafe rotate ${session.profile}\` again (it deletes an inactive key on a yes, or with --delete-inactive)`
            : `Delete ${id} if nothing uses it, then try again`,
    },
  );
}
