import { callerAccount } from "../auth/caller.js";
import { AwsError } from "../http/aws-error.js";
import { signed } from "../query-operation.js";
import type { EmulatorState } from "../state.js";
import type { Account } from "../world/world.js";
import type { AccessKey, User } from "../world/model.js";
import { authorizeIam } from "./iam-support.js";

/** The columns of IAM's credential report, in AWS's order (IAM User Guide, "Getting credential reports"). */
export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

// Reports per account: generated once (STARTED), then COMPLETE on the next call, as AWS does.
const generated = new WeakMap<EmulatorState, Map<string, Date>>();

/** GenerateCredentialReport: STARTED the first time, COMPLETE after. */
export const generateCredentialReport = signed(async (state, _params, caller) => {
  await authorizeIam(state, caller, "GenerateCredentialReport", "*");
  const reports = generated.get(state) ?? new Map<string, Date>();
  generated.set(state, reports);
  const account = callerAccount(caller);
  const first = !reports.has(account);
  if (first) reports.set(account, state.clock.now());
  return {
    State: first ? "STARTED" : "COMPLETE",
    Description: first ? "No report exists. Starting a new report generation task" : undefined,
  };
});

/** GetCredentialReport: the CSV, base64 in the XML (the SDK hands back its bytes). */
export const getCredentialReport = signed(async (state, _params, caller) => {
  await authorizeIam(state, caller, "GetCredentialReport", "*");
  const account = callerAccount(caller);
  const at = generated.get(state)?.get(account);
  if (at === undefined) {
    throw new AwsError(
      "ReportNotPresent",
      "Credential report is not present. Use GenerateCredentialReport to generate a report.",
      410,
    );
  }
  const csv = credentialReportCsv(state, account);
  return {
    Content: Buffer.from(csv, "utf8").toString("base64"),
    ReportFormat: "text/csv",
    GeneratedTime: at,
  };
});

/** The report of one account: the root row, then one row per user. */
export function credentialReportCsv(state: EmulatorState, accountId: string): string {
  const account = state.world.accounts.get(accountId);
  const rows: string[][] = [[...CREDENTIAL_REPORT_COLUMNS]];
  if (account !== undefined) rows.push(rootRow(account));
  for (const user of state.world.users.values()) {
    if (user.accountId === accountId) rows.push(userRow(user, state.world.keysOf(user)));
  }
  return `${rows.map((row) => row.map(csvField).join(",")).join("\n")}\n`;
}

function rootRow(account: Account): string[] {
  const { root } = account;
  const used = root.accessKeyLastUsed;
  const keys = [1, 2].flatMap((n) =>
    n <= root.accessKeys
      ? ["TRUE", time(root.createDate), time(used), region(used), service(used)]
      : ["FALSE", "N/A", "N/A", "N/A", "N/A"],
  );
  return [
    "<root_account>",
    `arn:aws:iam::${account.id}:root`,
    time(root.createDate),
    "not_supported",
    root.passwordPresent ? time(root.passwordLastUsed) : "N/A",
    "not_supported",
    "not_supported",
    bool(root.mfaEnabled),
    ...keys,
    "FALSE",
    "N/A",
    "FALSE",
    "N/A",
  ];
}

function userRow(user: User, keys: readonly AccessKey[]): string[] {
  const keyColumns = [0, 1].flatMap((index) => {
    const key = keys[index];
    if (key === undefined) return ["FALSE", "N/A", "N/A", "N/A", "N/A"];
    return [
      bool(key.status === "Active"),
      time(key.createDate),
      time(key.lastUsed?.date),
      key.lastUsed?.region ?? "N/A",
      key.lastUsed?.serviceName ?? "N/A",
    ];
  });
  const password = user.loginProfile !== undefined;
  return [
    user.userName,
    user.arn,
    time(user.createDate),
    bool(password),
    password ? time(user.passwordLastUsed) : "N/A",
    password && user.loginProfile !== undefined ? time(user.loginProfile.createDate) : "N/A",
    "N/A",
    bool(user.mfaDevices.length > 0),
    ...keyColumns,
    "FALSE",
    "N/A",
    "FALSE",
    "N/A",
  ];
}

function region(date: Date | undefined): string {
  return date === undefined ? "N/A" : "us-east-1";
}

function service(date: Date | undefined): string {
  return date === undefined ? "N/A" : "iam";
}

function bool(value: boolean): string {
  return value ? "TRUE" : "FALSE";
}

// The report writes times as 2026-01-02T03:04:05+00:00, and "N/A" for never.
function time(date: Date | undefined): string {
  return date === undefined ? "N/A" : date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

// RFC 4180: IAM user names may hold "," (and the report quotes such a field).
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
