import { importKeys, type ImportResult } from "../../../app/import/import-keys.js";
import { credentialProcessLine } from "../../../config/awsafe-process-line.js";
import { ExitCode } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { openChosenStore } from "../../../runtime/open-configured-store.js";
import { chooseStoringBackend, recordFirstBackend } from "../../../runtime/storing-backend.js";
import type { CommandRun } from "../../command-spec.js";
import type { ImportInput } from "./import-command.js";

/**
 * `awsafe import [--profile P]... [--dry-run] [--keep-plaintext-backup] [--backend B]`: move
 * plain-text keys from the shared files into the secret store and wire the profiles up.
 */
export const runImport: CommandRun<ImportInput> = async (input, io) => {
  const { dryRun } = input;
  const choice = chooseStoringBackend(io, input.backend);
  const { backend } = choice;
  const result = await importKeys(io, {
    profiles: input.profiles,
    dryRun,
    keepPlaintextBackup: input.keepPlaintextBackup,
    // No --backend in the line: it reads the store recorded once the first key is stored.
    processLine: (profile) => credentialProcessLine(io.selfCommand, profile),
    openStore: () => openChosenStore(io, choice),
    now: io.now,
    checkpoint: io.hooks.checkpoint,
  });
  io.stderr.write(report(result, dryRun, backend));
  if (!dryRun && result.plan.candidates.length > 0) await recordFirstBackend(io, choice);
  return ExitCode.Ok;
};

function report(
  { plan, storedItems, plaintextBackups, location }: ImportResult,
  dryRun: boolean,
  backend: string,
): string {
  const lines: string[] = [];
  const verb = dryRun ? "would import" : "imported";
  for (const { profile, accessKeyId, keepsRole } of plan.candidates) {
    lines.push(
      `${verb} profile "${profile}": key ${redact(accessKeyId)} into ${location ?? `the ${backend} store`}; its credential_process runs awsafe`,
    );
    if (keepsRole) {
      lines.push(
        `warning: "${profile}" also has role_arn; its role settings were kept, but the AWS CLI and SDKs will now assume that role when "${profile}" is a source_profile (awsafe uses its stored keys)`,
      );
    }
  }
  for (const { profile, reason } of plan.skipped)
    lines.push(`skipped profile "${profile}": ${reason}`);
  for (const profile of plan.alreadyImported)
    lines.push(`profile "${profile}" already uses awsafe`);
  for (const change of plan.changes)
    lines.push(`${dryRun ? "would change" : "changed"} ${change.file}`);
  const backups = storedItems.filter((ref) => ref.kind === "backup");
  for (const ref of backups)
    lines.push(`kept the original file in the store as backup "${ref.name}"`);
  for (const file of plaintextBackups) lines.push(`kept a plain-text copy (mode 0600) as ${file}`);
  if (plan.candidates.length === 0)
    lines.push("nothing to import: no profile has plain-text long-term keys");
  return `${lines.join("\n")}\n`;
}
