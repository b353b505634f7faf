import { importKeys, type ImportResult } from "../../../app/import/import-keys.js";
import type { MisprefixedSection } from "../../../app/import/find-stray-keys.js";
import { credentialProcessLine } from "../../../config/awsafe-process-line.js";
import { ExitCode } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { openChosenStore } from "../../../runtime/open-configured-store.js";
import { chooseStoringBackend, recordFirstBackend } from "../../../runtime/storing-backend.js";
import type { CommandRun } from "../../command-spec.js";
import { importToJson } from "../../format/import-to-json.js";
import type { CliIo } from "../../io.js";
import type { ImportInput } from "./import-command.js";

/**
 * `awsafe import [--profile P]... [--dry-run] [--keep-plaintext-backup] [--fix-profile-prefix]
 * [--route-roles] [--backend B]`: move plain-text keys from the shared files into the secret
 * store and wire the profiles up. Exits 78 when keys stay in plain text that some AWS tool reads
 * or that awsafe could not tell apart from such (after importing everything else), so a script
 * never takes a partial import for a finished one.
 */
export const runImport: CommandRun<ImportInput> = async (input, io) => {
  const { dryRun } = input;
  const choice = chooseStoringBackend(io, input.backend);
  const { backend } = choice;
  const result = await importKeys(io, {
    profiles: input.profiles,
    dryRun,
    keepPlaintextBackup: input.keepPlaintextBackup,
    fixProfilePrefix: input.fixProfilePrefix,
    ...(io.prompter.canPrompt() ? { confirmPrefixFix: (s) => confirmPrefixFix(io, s) } : {}),
    routeRoles: input.routeRoles,
    // No --backend in the line: it reads the store recorded once the first key is stored.
    processLine: (profile) => credentialProcessLine(io.selfCommand, profile),
    openStore: () => openChosenStore(io, choice),
    now: io.now,
    checkpoint: io.hooks.checkpoint,
  });
  io.stderr.write(report(result, dryRun, backend));
  if (input.json) io.stdout.write(importToJson(result, dryRun, backend));
  if (!dryRun && result.plan.candidates.length > 0) await recordFirstBackend(io, choice);
  const left = result.plan.stray.length + result.plan.misprefixed.length;
  if (left === 0) return ExitCode.Ok;
  io.stderr.write(
    `awsafe: ${String(left)} section(s) still hold plain-text keys (see "left" above); ${dryRun ? "the import would leave" : "the import left"} them where they are\n`,
  );
  return ExitCode.Config;
};

function confirmPrefixFix(io: CliIo, section: MisprefixedSection): Promise<boolean> {
  return io.prompter.confirm(
    `[${section.header}] in ${section.file} holds keys the AWS SDKs never read (the credentials file takes no "profile " prefix). Import them as profile "${section.intended}"? [y/N]`,
  );
}

function report(result: ImportResult, dryRun: boolean, backend: string): string {
  const { plan, storedItems, plaintextBackups, location } = result;
  const lines: string[] = [];
  const would = (done: string, planned: string): string => (dryRun ? planned : done);
  for (const { profile, accessKeyId, keepsRole, fromSection } of plan.candidates) {
    const from = fromSection === undefined ? "" : ` (from [${fromSection}])`;
    lines.push(
      `${would("imported", "would import")} profile "${profile}"${from}: key ${redact(accessKeyId)} into ${location ?? `the ${backend} store`}; its credential_process runs awsafe`,
    );
    if (keepsRole) {
      lines.push(
        `warning: "${profile}" also has role_arn; its role settings were kept, but the AWS CLI and SDKs will now assume that role when "${profile}" is a source_profile (awsafe uses its stored keys)`,
      );
    }
  }
  for (const { profile, through } of plan.routedRoles) {
    lines.push(
      `${would("routed", "would route")} role profile "${profile}" (its source_profile chain reaches "${through}") through awsafe: its role settings are kept as awsafe_role_arn, awsafe_source_profile, ... and its credential_process runs awsafe`,
    );
  }
  for (const { profile, reason } of plan.skipped)
    lines.push(`skipped profile "${profile}": ${reason}`);
  for (const { header, file, line, reason } of plan.stray)
    lines.push(`left [${header}] (${file}:${String(line)}) in plain text: ${reason}`);
  for (const { header, file, line, intended } of plan.misprefixed) {
    lines.push(
      `left [${header}] (${file}:${String(line)}) in plain text: the credentials file takes no "profile " prefix, so the AWS CLI reads these keys as profile "${header}" and the AWS SDKs not at all; run awsafe import --fix-profile-prefix to import them as profile "${intended}"`,
    );
  }
  for (const profile of plan.alreadyImported)
    lines.push(`profile "${profile}" already uses awsafe`);
  for (const { profile, through } of plan.selfAssumedRoles) {
    lines.push(
      `note: the AWS CLI and the SDKs still assume the role of profile "${profile}" themselves (its source_profile chain reaches "${through}"): they ask for its MFA code on stdin, and the AWS CLI caches the role's credentials in plain text in ~/.aws/cli/cache; \`awsafe configure ${profile} --credential-process\` (or awsafe import --route-roles) has them ask awsafe instead`,
    );
  }
  for (const change of plan.changes)
    lines.push(`${would("changed", "would change")} ${change.file}`);
  const backups = storedItems.filter((ref) => ref.kind === "backup");
  for (const ref of backups)
    lines.push(`kept the original file in the store as backup "${ref.name}"`);
  for (const file of plaintextBackups) lines.push(`kept a plain-text copy (mode 0600) as ${file}`);
  const left = plan.stray.length + plan.misprefixed.length;
  if (plan.candidates.length === 0 && plan.routedRoles.length === 0 && left === 0)
    lines.push("nothing to import: no profile has plain-text long-term keys");
  return `${lines.join("\n")}\n`;
}
