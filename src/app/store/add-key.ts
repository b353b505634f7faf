import { UsageError } from "../../errors.js";
import type { LongTermKeyItem, SecretStore } from "../../ports/secret-store.js";
import { checkProfileName } from "../../config/check-profile-values.js";
import { checkLongTermKey } from "./check-long-term-key.js";

/** What `add` needs besides the store: the key, and how to settle a replacement. */
export interface AddKeyInput {
  readonly profile: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Asked when the profile already has a different key; `force` skips the question. */
  readonly confirmReplace: (storedKeyId: string) => Promise<boolean>;
  readonly force: boolean;
  readonly now: () => Date;
}

/** What `add` did. */
export type AddKeyOutcome = "added" | "replaced" | "unchanged";

/**
 * Stores an IAM user's long-term key under `profile`. An identical key already stored is left as
 * it is; a different one is replaced only when `force` is set or `confirmReplace` says yes.
 *
 * @throws UsageError for a profile name other AWS tools cannot use, a malformed or temporary key,
 *   or a replacement that was not confirmed.
 */
export async function addKey(store: SecretStore, input: AddKeyInput): Promise<AddKeyOutcome> {
  checkProfileName(input.profile);
  checkLongTermKey(input.accessKeyId, input.secretAccessKey);
  const ref = { kind: "long-term", name: input.profile } as const;
  const existing = await store.get(ref);
  if (
    existing?.accessKeyId === input.accessKeyId &&
    existing.secretAccessKey === input.secretAccessKey
  ) {
    return "unchanged";
  }
  if (
    existing !== undefined &&
    !input.force &&
    !(await input.confirmReplace(existing.accessKeyId))
  ) {
    throw new UsageError(`Profile "${input.profile}" already has a stored key; it was kept`, {
      hint: "Run `awsafe add` again with --force to replace it.",
    });
  }
  // No metadata is carried over: a new key may belong to another user or account.
  const item: LongTermKeyItem = {
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
    createdAt: input.now().toISOString(),
  };
  await store.put(ref, item);
  return existing === undefined ? "added" : "replaced";
}
