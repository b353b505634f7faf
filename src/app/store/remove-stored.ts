import { UsageError } from "../../errors.js";
import type { ItemRef, SecretStore } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import type { SessionMatcher } from "../credentials/sessions-of-profile.js";

/** What `remove` deletes: the profile's long-term key, or its cached sessions. */
export interface RemoveInput {
  readonly profile: string;
  readonly sessions: boolean;
  /** Which cached sessions are the profile's (see `sessionsOfProfile`). */
  readonly belongs: SessionMatcher;
  /** Asked before a long-term key is deleted (it cannot be recovered from awsafe afterwards). */
  readonly confirm: (storedKeyId: string) => Promise<boolean>;
}

/**
 * Deletes a profile's stored long-term key and the sessions cached in the store (by runs without
 * the agent) made from it, or with `sessions` only the profile's cached sessions.
 *
 * @throws UsageError when the profile has no stored key, or the deletion was not confirmed.
 */
export async function removeStored(store: SecretStore, input: RemoveInput): Promise<ItemRef[]> {
  const sessions = (await store.list({ kind: "session" })).filter((ref) => input.belongs(ref.name));
  if (input.sessions) {
    if (sessions.length > 0) await store.apply(sessions.map((ref) => ({ op: "delete", ref })));
    return sessions;
  }
  const ref = { kind: "long-term", name: input.profile } as const;
  const existing = await store.get(ref);
  if (existing === undefined) {
    throw new UsageError(`Profile "${input.profile}" has no stored key in ${store.location}`, {
      hint: "awsafe list shows which profiles have stored keys; --backend picks another store.",
    });
  }
  if (!(await input.confirm(existing.accessKeyId))) {
    throw new UsageError(
      `Kept the stored key ${redact(existing.accessKeyId)} of "${input.profile}"`,
      {
        hint: "Run awsafe remove again with --force to delete it without asking.",
      },
    );
  }
  await store.apply([ref, ...sessions].map((gone) => ({ op: "delete", ref: gone })));
  return [ref, ...sessions];
}
