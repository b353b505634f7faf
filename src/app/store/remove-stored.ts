import { UsageError } from "../../errors.js";
import type { ItemRef, SecretStore } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import { backupsHolding, type BackupSummary } from "../backup/list-backups.js";

/** What `remove` deletes: the profile's long-term key, or its cached sessions. */
export interface RemoveInput {
  readonly profile: string;
  readonly sessions: boolean;
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
 * Deletes a profile's stored long-term key, or with `sessions` the sessions cached in the store
 * (by runs without the agent) that were made from the profile's credentials: their cache names
 * start with `<source kind>:<profile>` (see `sessionCacheName`). A deleted key may live on in
 * the backups `import` took of the files it came from; those are named, not deleted.
 *
 * @throws UsageError when the profile has no stored key, or the deletion was not confirmed.
 */
export async function removeStored(store: SecretStore, input: RemoveInput): Promise<RemoveResult> {
  if (input.sessions) {
    const sessions = (await store.list({ kind: "session" })).filter((ref) =>
      madeFrom(ref.name, input.profile),
    );
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
  await store.delete(ref);
  return { removed: [ref], backupsWithKey: await backupsHolding(store, existing.secretAccessKey) };
}

/** Whether a session cache name's source (`stored:alice > ...`) is `profile`. */
function madeFrom(sessionName: string, profile: string): boolean {
  const source = sessionName.split(" > ", 1)[0] ?? "";
  return source.slice(source.indexOf(":") + 1) === profile;
}
