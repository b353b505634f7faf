import type { BackupItem, SecretStore } from "../../ports/secret-store.js";

/** One backup as `awsafe backup list` shows it: never its content. */
export interface BackupSummary {
  readonly name: string;
  /** The file it is a copy of. */
  readonly source: string;
  /** ISO 8601 time it was taken. */
  readonly takenAt: string;
  /** How many `aws_secret_access_key` lines it holds: plain-text keys that live on in the store. */
  readonly keyCount: number;
}

/** Every backup in the store, oldest first. */
export async function listBackups(store: SecretStore): Promise<BackupSummary[]> {
  const found: BackupSummary[] = [];
  for (const { name } of await store.list({ kind: "backup" })) {
    const item = await store.get({ kind: "backup", name });
    if (item !== undefined) found.push(summarizeBackup(name, item));
  }
  return found.sort((a, b) => a.takenAt.localeCompare(b.takenAt) || a.name.localeCompare(b.name));
}

/** The backups whose content holds `secret` (a secret access key), oldest first. */
export async function backupsHolding(store: SecretStore, secret: string): Promise<BackupSummary[]> {
  const found: BackupSummary[] = [];
  for (const { name } of await store.list({ kind: "backup" })) {
    const item = await store.get({ kind: "backup", name });
    if (item?.content.includes(secret) === true) found.push(summarizeBackup(name, item));
  }
  return found.sort((a, b) => a.takenAt.localeCompare(b.takenAt));
}

/** A backup's name, source, time and key count. */
export function summarizeBackup(name: string, item: BackupItem): BackupSummary {
  // Counted as the AWS CLI would find them: any case, any indentation, `=` or `:`.
  const keyCount = item.content.match(/^[ \t]*aws_secret_access_key[ \t]*[=:]/gim)?.length ?? 0;
  return { name, source: item.source, takenAt: item.takenAt, keyCount };
}
