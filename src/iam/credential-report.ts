import { parse } from "csv-parse/sync";
import { ConfigError } from "../errors.js";

/** One access key's columns in the credential report. */
export interface ReportKey {
  readonly active: boolean;
  readonly lastRotated: Date | undefined;
  readonly lastUsed: Date | undefined;
}

/** One row of IAM's credential report, read by column name. */
export interface ReportRow {
  readonly user: string;
  readonly arn: string;
  readonly isRoot: boolean;
  readonly created: Date | undefined;
  /** `password_enabled`; root's is `not_supported`, taken as unknown. */
  readonly passwordEnabled: boolean | undefined;
  readonly passwordLastUsed: Date | undefined;
  readonly mfaActive: boolean;
  readonly keys: readonly ReportKey[];
}

const required = ["user", "arn", "mfa_active", "password_enabled"] as const;

/**
 * Reads the credential report's CSV (RFC 4180: IAM user names may hold commas, which the report
 * quotes). Columns are found by name, not position, so a report with more columns still reads.
 * `TRUE`/`FALSE` are booleans; `N/A`, `no_information` and `not_supported` are "no value".
 *
 * @throws ConfigError when the text is not CSV or lacks the report's columns.
 */
export function parseCredentialReport(csv: string): ReportRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new ConfigError("IAM's credential report is not CSV awsafe can read", { cause: error });
  }
  const first = records[0];
  const missing = first === undefined ? [] : required.filter((column) => !(column in first));
  if (missing.length > 0) {
    throw new ConfigError(`IAM's credential report lacks the column(s) ${missing.join(", ")}`);
  }
  return records.map((record) => ({
    user: record.user ?? "",
    arn: record.arn ?? "",
    isRoot: record.user === "<root_account>",
    created: date(record.user_creation_time),
    passwordEnabled: optionalBool(record.password_enabled),
    passwordLastUsed: date(record.password_last_used),
    mfaActive: record.mfa_active === "TRUE",
    keys: [1, 2].map((n) => ({
      active: record[`access_key_${String(n)}_active`] === "TRUE",
      lastRotated: date(record[`access_key_${String(n)}_last_rotated`]),
      lastUsed: date(record[`access_key_${String(n)}_last_used_date`]),
    })),
  }));
}

function optionalBool(value: string | undefined): boolean | undefined {
  if (value === "TRUE") return true;
  if (value === "FALSE") return false;
  return undefined;
}

function date(value: string | undefined): Date | undefined {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
