import type { ImportResult } from "../../app/import/import-keys.js";
import { redact } from "../../redact.js";

/**
 * What `import --json` prints: the same facts as its report, for scripts. Key IDs are redacted as
 * in the report; no secret is in an import plan.
 */
export function importToJson(result: ImportResult, dryRun: boolean, backend: string): string {
  const { plan, storedItems, plaintextBackups, location } = result;
  const json = {
    dryRun,
    backend,
    location: location ?? null,
    imported: plan.candidates.map(({ profile, accessKeyId, keepsRole, fromSection }) => ({
      profile,
      accessKeyId: redact(accessKeyId),
      keepsRole,
      fromSection: fromSection ?? null,
    })),
    routedRoles: plan.routedRoles.map(({ profile, through }) => ({ profile, through })),
    skipped: plan.skipped.map(({ profile, reason }) => ({ profile, reason })),
    alreadyImported: plan.alreadyImported,
    left: [
      ...plan.stray.map(({ header, file, line, reason }) => ({ header, file, line, reason })),
      ...plan.misprefixed.map(({ header, file, line, intended }) => ({
        header,
        file,
        line,
        reason: `the credentials file takes no "profile " prefix; --fix-profile-prefix imports it as "${intended}"`,
      })),
    ],
    changedFiles: plan.changes.map((change) => change.file),
    backups: storedItems.filter((ref) => ref.kind === "backup").map((ref) => ref.name),
    plaintextBackups,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
