import { profileSessionMatcher } from "../../../app/credentials/sessions-of-profile.js";
import { removeStored } from "../../../app/store/remove-stored.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { forgetInAgent } from "../../../runtime/forget-in-agent.js";
import { openCommandStore } from "../../../runtime/open-configured-store.js";
import type { CommandRun } from "../../command-spec.js";
import type { RemoveInput } from "./remove-command.js";

/**
 * `awsafe remove <profile> [--sessions] [--force] [--backend B]`: delete the profile's stored key
 * and the sessions made from it, or (`--sessions`) only its cached sessions — in the store and in
 * the running agent alike.
 */
export const runRemove: CommandRun<RemoveInput> = async (input, io) => {
  const { profile, sessions } = input;
  const { store } = await openCommandStore(io, input.backend);
  const stored = new Set((await store.list({ kind: "long-term" })).map((ref) => ref.name));
  const { removed, backupsWithKey } = await removeStored(store, {
    profile,
    sessions,
    belongs: await profileSessionMatcher(io, profile, stored),
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
  const inAgent = await forgetInAgent(io, profile);
  const cached = removed.filter((ref) => ref.kind === "session").length + (inAgent ?? 0);
  if (!sessions) io.stderr.write(`removed the stored key of "${profile}" from ${store.location}\n`);
  io.stderr.write(
    cached === 0
      ? `no cached sessions of "${profile}" ${sessions ? "were found" : "were left"} (store${inAgent === undefined ? "" : " and agent"})\n`
      : `removed ${cached} cached session(s) of "${profile}" (${removed.filter((ref) => ref.kind === "session").length} in ${store.location}${inAgent === undefined ? "" : `, ${inAgent} in the agent`})\n`,
  );
  for (const backup of backupsWithKey) {
    io.stderr.write(
      `note: backup "${backup.name}" (of ${backup.source}, taken ${backup.takenAt}) still holds this key; \`awsafe backup purge\` deletes the backups\n`,
    );
  }
  return ExitCode.Ok;
};
