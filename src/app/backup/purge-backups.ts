import { UsageError } from "../../errors.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { listBackups, type BackupSummary } from "./list-backups.js";

/** What `awsafe backup purge` is given. */
export interface PurgeInput {
  /** The backups to delete; every backup when empty. */
  readonly names: readonly string[];
  /** Asked before anything is deleted; `false` keeps everything. */
  readonly confirm: (backups: readonly BackupSummary[]) => Promise<boolean>;
}

/**
 * Deletes backups from the store, in one batch, after `confirm` says yes. Returns what was
 * deleted (nothing when there were no backups).
 *
 * @throws UsageError for a named backup that does not exist, or a deletion not confirmed.
 */
export async function purgeBackups(
  store: SecretStore,
  input: PurgeInput,
): Promise<BackupSummary[]> {
  const all = await listBackups(store);
  const unknown = input.names.filter((name) => !all.some((backup) => backup.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `There is no backup ${unknown.map((name) => `"${name}"`).join(", ")} in ${store.location}`,
      { hint: "awsafe backup list shows the backups and their names." },
    );
  }
  const chosen =
    input.names.length === 0 ? all : all.filter((backup) => input.names.includes(backup.name));
  if (chosen.length === 0) return [];
  if (!(await input.confirm(chosen))) {
    throw new UsageError(`Kept ${String(chosen.length)} backup(s) in ${store.location}`, {
      hint: "Run awsafe backup purge again with --force to delete them without asking.",
    });
  }
  await store.apply(chosen.map(({ name }) => ({ op: "delete", ref: { kind: "backup", name } })));
  return chosen;
}
