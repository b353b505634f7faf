import { UsageError } from "../../errors.js";
import type { ItemRef, SecretStore } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import type { SessionMatcher } from "../credentials/sessions-of-profile.js";
import { backupsHolding, type BackupSummary } from "../backup/list-backups.js";

/** What `remove` deletes: the profile's long-term key, or its cached sessions. */
export interface RemoveInput {
  readonly profile: string;
  readonly sessions: boolean;
  /** Which cached sessions are the profile's (see `sessionsOfProfile`). */
  readonly belongs: SessionMatcher;
  /** Asked before a long-term key is deleted (it cannot be recovered from awsafe afterwards). */
  readonly confirm: (storedKeyId: string) => Promise<boolean>;
}

/** What `remove` deleted, and the backups that still hold the deleted key. */
export interface RemoveResult {
  readonly removed: readonly ItemRef[];
  /** Import's backups of the shared files whose text still holds the key's secret. */
  readonly backupsWithKey: readonly BackupSummary[];
}

/**
 * Deletes a profile's stored long-term key and the sessions cached in the store (by runs without
 * the agent) made from it, or with `sessions` only the profile's cached sessions. A deleted key
 * may live on in the backups `import` took of the files it came from; those are named, not
 * deleted.
 *
 * @throws UsageError when the profile has no stored key, or the deletion was not confirmed.
 */
export async function removeStored(store: SecretStore, input: RemoveInput): Promise<RemoveResult> {
  const sessions = (await store.list({ kind: "session" })).filter((ref) => input.belongs(ref.name));
  if (input.sessions) {
    if (sessions.length > 0) await store.apply(sessions.map((ref) => ({ op: "delete", ref })));
    return { removed: sessions, backupsWithKey: [] };
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
  return {
    removed: [ref, ...sessions],
    backupsWithKey: await backupsHolding(store, existing.secretAccessKey),
  };
}
