import { removeStored } from "../../../app/store/remove-stored.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { openCommandStore } from "../../../runtime/open-configured-store.js";
import type { CommandRun } from "../../command-spec.js";
import type { RemoveInput } from "./remove-command.js";

/** `awsafe remove <profile> [--sessions] [--force] [--backend B]`: delete stored items. */
export const runRemove: CommandRun<RemoveInput> = async (input, io) => {
  const { profile, sessions } = input;
  const { store } = await openCommandStore(io, input.backend);
  const { removed, backupsWithKey } = await removeStored(store, {
    profile,
    sessions,
    confirm: async (storedKeyId) => {
      if (input.force) return true;
      if (!io.prompter.canPrompt()) {
        throw new UsageError(`Not deleting the stored key of "${profile}" without confirmation`, {
          hint: "There is no terminal to ask on: add --force to delete it.",
        });
      }
      return io.prompter.confirm(
        `Delete the stored key ${redact(storedKeyId)} of "${profile}"? It cannot be recovered from awsafe. [y/N]`,
      );
    },
  });
  if (sessions) {
    io.stderr.write(
      removed.length === 0
        ? `no cached sessions for "${profile}" in ${store.location}\n`
        : `removed ${removed.length} cached session(s) of "${profile}"\n`,
    );
  } else {
    io.stderr.write(`removed the stored key of "${profile}" from ${store.location}\n`);
    for (const backup of backupsWithKey) {
      io.stderr.write(
        `note: backup "${backup.name}" (of ${backup.source}, taken ${backup.takenAt}) still holds this key; \`awsafe backup purge\` deletes the backups\n`,
      );
    }
  }
  return ExitCode.Ok;
};
