import { createHash } from "node:crypto";
import { writePrivateFile } from "../../config/edit/write-private-file.js";
import { readSharedFile } from "../../config/read-shared-config.js";
import { UsageError } from "../../errors.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { summarizeBackup, type BackupSummary } from "./list-backups.js";

/** What `awsafe backup restore` is given. */
export interface RestoreInput {
  readonly name: string;
  /** Overwrite the file even when it changed since awsafe replaced it. */
  readonly force: boolean;
  /** Handed to the write (tests crash there). */
  readonly checkpoint?: ((step: string) => void) | undefined;
}

/** What restore did: wrote the file, or found it already as the backup has it. */
export interface RestoreResult {
  readonly backup: BackupSummary;
  readonly outcome: "restored" | "unchanged";
}

/**
 * Writes a backup's content back to the file it came from (atomically, mode 0600). The file is
 * overwritten only when it is still what awsafe wrote in its place (the backup records a hash of
 * that text), is missing, or `force` is set: edits made since would otherwise be lost silently.
 *
 * @throws UsageError for an unknown backup, or a file changed since without `force`.
 */
export async function restoreBackup(
  store: SecretStore,
  input: RestoreInput,
): Promise<RestoreResult> {
  const item = await store.get({ kind: "backup", name: input.name });
  if (item === undefined) {
    throw new UsageError(`There is no backup "${input.name}" in ${store.location}`, {
      hint: "awsafe backup list shows the backups and their names.",
    });
  }
  const backup = summarizeBackup(input.name, item);
  const current = (await readSharedFile(item.source))?.text;
  if (current === item.content) return { backup, outcome: "unchanged" };
  if (
    current !== undefined &&
    !input.force &&
    replacementHash(current) !== item.replacedWithSha256
  ) {
    const since =
      item.replacedWithSha256 === undefined
        ? "it may have changed since awsafe replaced it (this backup does not record what awsafe wrote)"
        : "it changed since awsafe replaced it";
    throw new UsageError(`Not restoring ${item.source}: ${since}; nothing was written`, {
      hint: `Save the edits you want to keep, then run awsafe backup restore ${input.name} --force.`,
    });
  }
  await writePrivateFile(item.source, item.content, input.checkpoint);
  return { backup, outcome: "restored" };
}

/** The hash a backup records of the text awsafe wrote in the file's place (`replacedWithSha256`). */
export function replacementHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
