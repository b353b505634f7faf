import { defineCommand, defineGroup, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption } from "../../credential-options.js";
import { flagOption, requiredArg, variadicArg } from "../../options.js";

const none = {};
const listOptions = { json: jsonOption(), backend: backendOption() };
const restoreArgs = { name: requiredArg("name", "the backup to restore (see awsafe backup list)") };
const restoreOptions = {
  force: flagOption("--force", "overwrite the file even if it changed since awsafe replaced it"),
  backend: backendOption(),
};
const purgeArgs = { names: variadicArg("names", "the backups to delete (default: all)") };
const purgeOptions = {
  force: flagOption("--force", "delete without asking"),
  backend: backendOption(),
};

/** What `awsafe backup list` is given. */
export type BackupListInput = InputOf<typeof none, typeof listOptions>;
/** What `awsafe backup restore` is given. */
export type BackupRestoreInput = InputOf<typeof restoreArgs, typeof restoreOptions>;
/** What `awsafe backup purge` is given. */
export type BackupPurgeInput = InputOf<typeof purgeArgs, typeof purgeOptions>;

/** `awsafe backup list|restore|purge`: the copies of the shared files `import` keeps in the store. */
export const backupCommand = defineGroup({
  name: "backup",
  description: "the copies of the shared files that import keeps in the secret store",
  examples: [
    "awsafe backup list",
    "awsafe backup restore import/credentials/0123456789abcdef",
    "awsafe backup purge",
  ],
  subcommands: [
    defineCommand({
      name: "list",
      examples: ["awsafe backup list", "awsafe backup list --json"],
      description: "each backup's name, source file, time and how many keys it holds",
      args: none,
      options: listOptions,
      load: async () => (await import("./run-backup.js")).runBackupList,
    }),
    defineCommand({
      name: "restore",
      examples: [
        "awsafe backup restore import/credentials/0123456789abcdef",
        "awsafe backup restore import/credentials/0123456789abcdef --force",
      ],
      description: "write a backup back to the file it came from (0600, atomically)",
      args: restoreArgs,
      options: restoreOptions,
      load: async () => (await import("./run-backup.js")).runBackupRestore,
    }),
    defineCommand({
      name: "purge",
      examples: [
        "awsafe backup purge",
        "awsafe backup purge import/credentials/0123456789abcdef --force",
      ],
      description: "delete backups (all, or the ones named) from the store; asks first",
      args: purgeArgs,
      options: purgeOptions,
      load: async () => (await import("./run-backup.js")).runBackupPurge,
    }),
  ],
});
