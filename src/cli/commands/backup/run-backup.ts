import { listBackups, type BackupSummary } from "../../../app/backup/list-backups.js";
import { purgeBackups } from "../../../app/backup/purge-backups.js";
import { restoreBackup } from "../../../app/backup/restore-backup.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { openCommandStore } from "../../../runtime/open-configured-store.js";
import type { CommandRun } from "../../command-spec.js";
import type { CliIo } from "../../io.js";
import type { BackupListInput, BackupPurgeInput, BackupRestoreInput } from "./backup-command.js";
import { formatTable } from "../../format/format-table.js";

/** `awsafe backup list [--json] [--backend B]`: the backups, never their content. */
export const runBackupList: CommandRun<BackupListInput> = async (input, io) => {
  const { store } = await openCommandStore(io, input.backend);
  const backups = await listBackups(store);
  if (input.json) {
    io.stdout.write(`${JSON.stringify({ location: store.location, backups }, null, 2)}\n`);
    return ExitCode.Ok;
  }
  if (backups.length === 0) {
    io.stdout.write(`no backups in ${store.location}\n`);
    return ExitCode.Ok;
  }
  io.stdout.write(backupTable(backups));
  return ExitCode.Ok;
};

/** `awsafe backup restore <name> [--force] [--backend B]`. */
export const runBackupRestore: CommandRun<BackupRestoreInput> = async (input, io) => {
  const { store } = await openCommandStore(io, input.backend);
  const { backup, outcome } = await restoreBackup(store, {
    name: input.name,
    force: input.force,
    checkpoint: io.checkpoint,
  });
  if (outcome === "unchanged") {
    io.stderr.write(`${backup.source} already holds backup "${backup.name}"; nothing written\n`);
    return ExitCode.Ok;
  }
  io.stderr.write(
    `restored ${backup.source} from backup "${backup.name}" (taken ${backup.takenAt})\n`,
  );
  if (backup.keyCount > 0) {
    io.stderr.write(
      `note: the file holds ${keys(backup.keyCount)} in plain text again, which the AWS tools use before credential_process; \`awsafe import\` moves them back into the store\n`,
    );
  }
  return ExitCode.Ok;
};

/** `awsafe backup purge [name...] [--force] [--backend B]`: asks first unless --force. */
export const runBackupPurge: CommandRun<BackupPurgeInput> = async (input, io) => {
  const { store } = await openCommandStore(io, input.backend);
  const purged = await purgeBackups(store, {
    names: input.names,
    confirm: (backups) => (input.force ? Promise.resolve(true) : confirmPurge(io, backups)),
  });
  io.stderr.write(
    purged.length === 0
      ? `no backups in ${store.location}\n`
      : `deleted ${String(purged.length)} backup(s) from ${store.location}\n`,
  );
  return ExitCode.Ok;
};

function confirmPurge(io: CliIo, backups: readonly BackupSummary[]): Promise<boolean> {
  if (!io.prompter.canPrompt()) {
    throw new UsageError("Not deleting backups without confirmation", {
      hint: "There is no terminal to ask on: add --force to delete them.",
    });
  }
  const held = backups.reduce((sum, backup) => sum + backup.keyCount, 0);
  return io.prompter.confirm(
    `Delete ${String(backups.length)} backup(s) holding ${keys(held)}? They cannot be recovered. [y/N]`,
  );
}

function keys(count: number): string {
  return count === 1 ? "1 key" : `${String(count)} keys`;
}

function backupTable(backups: readonly BackupSummary[]): string {
  const rows = backups.map((backup) => [
    backup.name,
    backup.takenAt,
    String(backup.keyCount),
    backup.source,
  ]);
  return formatTable(["BACKUP", "TAKEN", "KEYS", "SOURCE"], rows);
}
