import { createHash } from "node:crypto";
import path from "node:path";
import { readSharedFile } from "../../config/read-shared-config.js";
import type { SecretStore, StoreChange } from "../../ports/secret-store.js";
import { replacementHash } from "../backup/restore-backup.js";

/** A shared file as it was before setup, kept in the store (`awsafe backup restore NAME`). */
export interface SetupBackup {
  readonly name: string;
  readonly file: string;
  /** The file did not exist before setup: undoing is deleting it. */
  readonly created: boolean;
}

/**
 * Keeps each file setup changed, as it was before, in the store under
 * `setup/<file name>/<first 16 hex of its SHA-256>`, recording a hash of what is there now, so
 * `awsafe backup restore` puts it back in one step unless it was edited since. The same
 * content always gets the same name, so a second run stores nothing twice.
 */
export async function keepSetupBackups(
  store: SecretStore,
  originals: ReadonlyMap<string, string | undefined>,
  now: Date,
): Promise<SetupBackup[]> {
  const backups: SetupBackup[] = [];
  const changes: StoreChange[] = [];
  for (const [file, before] of originals) {
    const after = (await readSharedFile(file))?.text;
    if (after === before || after === undefined) continue;
    if (before === undefined) {
      backups.push({ name: "", file, created: true });
      continue;
    }
    const hash = createHash("sha256").update(before).digest("hex").slice(0, 16);
    const name = `setup/${path.basename(file)}/${hash}`;
    backups.push({ name, file, created: false });
    const ref = { kind: "backup", name } as const;
    if ((await store.get(ref)) !== undefined) continue;
    const value = {
      source: file,
      takenAt: now.toISOString(),
      content: before,
      replacedWithSha256: replacementHash(after),
    };
    changes.push({ op: "put", item: { ref, value } });
  }
  if (changes.length > 0) await store.apply(changes);
  return backups;
}
