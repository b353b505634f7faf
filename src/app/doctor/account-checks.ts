import { AppError } from "../../errors.js";
import { parseCredentialReport, type ReportRow } from "../../iam/credential-report.js";
import { readPolicyDocument } from "../../iam/policy-document.js";
import type { AwsCallContext } from "../../ports/aws/call-context.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type { IamPort, IamRole } from "../../ports/aws/iam.js";
import { trustFinding } from "../iam/check-iam-user.js";
import { type Finding, finding } from "./finding.js";

/** What the account checks call IAM with. */
export interface AccountCheckDeps {
  readonly iam: IamPort;
  readonly credentials: AwsCredentials;
  readonly context: AwsCallContext;
  readonly now: Date;
}

const DAY = 86_400_000;
const MAX_KEY_AGE_DAYS = 90;
const MAX_UNUSED_DAYS = 90;
const ROOT_RECENT_DAYS = 90;
const readonlyHint =
  "the profile needs read access to IAM: `awsafe iam policy audit-readonly` prints the policy";

/**
 * The account against the practice, with read-only IAM calls: root (GetAccountSummary), every
 * user (one credential report, not a call per user) and every role's trust policy (ListRoles).
 * A call the profile may not make is a ✗ naming the permission, so a CI run cannot pass
 * without checking.
 */
export async function checkAccount(deps: AccountCheckDeps): Promise<Finding[]> {
  return [
    ...(await guarded("root", () => rootFindings(deps))),
    ...(await guarded("credential-report", () => reportFindings(deps))),
    ...(await guarded("roles", () => roleFindings(deps))),
  ];
}

async function guarded(check: string, run: () => Promise<Finding[]>): Promise<Finding[]> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return [finding(check, "fail", `not checked: ${error.message}`, error.hint ?? readonlyHint)];
  }
}

async function rootFindings(deps: AccountCheckDeps): Promise<Finding[]> {
  const summary = await deps.iam.getAccountSummary(deps.credentials, deps.context);
  const present = (key: string) => (summary[key] ?? 0) > 0;
  const password =
    summary.AccountPasswordPresent === undefined || present("AccountPasswordPresent");
  const keys = present("AccountAccessKeysPresent");
  const mfa = present("AccountMFAEnabled");
  if (!password && !keys && !mfa && !present("AccountSigningCertificatesPresent")) {
    return [
      finding(
        "root",
        "ok",
        "root has no credentials at all (centralized root access management): the best state",
      ),
    ];
  }
  const found: Finding[] = [];
  if (keys) {
    found.push(
      finding(
        "root-keys",
        "fail",
        "root has access keys",
        "sign in as root, delete them under Security credentials, and use IAM users or roles",
      ),
    );
  }
  found.push(
    mfa
      ? finding("root-mfa", "ok", "root has MFA")
      : finding(
          "root-mfa",
          "fail",
          "root has no MFA",
          "sign in as root and assign an MFA device (a hardware key is best)",
        ),
  );
  if (!keys) found.push(finding("root-keys", "ok", "root has no access keys"));
  return found;
}

async function reportFindings(deps: AccountCheckDeps): Promise<Finding[]> {
  const { csv } = await deps.iam.credentialReport(deps.credentials, deps.context);
  const rows = parseCredentialReport(csv);
  const days = (date: Date | undefined) =>
    date === undefined ? undefined : Math.floor((deps.now.getTime() - date.getTime()) / DAY);
  const found: Finding[] = [];
  const root = rows.find((row) => row.isRoot);
  if (root !== undefined) {
    const used = [root.passwordLastUsed, ...root.keys.map((k) => k.lastUsed)]
      .map(days)
      .filter((d): d is number => d !== undefined && d <= ROOT_RECENT_DAYS);
    if (used.length > 0) {
      found.push(
        finding(
          "root-used",
          "warn",
          `root was used ${String(Math.min(...used))} day(s) ago`,
          "use root only for the tasks that need it; everyday work belongs to IAM roles",
        ),
      );
    }
  }
  const users = rows.filter((row) => !row.isRoot);
  const list = (items: readonly string[]) => items.join(", ");
  const passwordNoMfa = users.filter((u) => u.passwordEnabled === true && !u.mfaActive);
  const passwordMfa = users.filter((u) => u.passwordEnabled === true && u.mfaActive);
  const noMfa = users.filter(
    (u) => !u.mfaActive && u.passwordEnabled !== true && u.keys.some((k) => k.active),
  );
  const old: string[] = [];
  const unused: string[] = [];
  const twoKeys: string[] = [];
  for (const user of users) {
    const active = user.keys.filter((k) => k.active);
    if (active.length === 2) twoKeys.push(user.user);
    user.keys.forEach((key, index) => {
      if (!key.active) return;
      const age = days(key.lastRotated);
      if (age !== undefined && age > MAX_KEY_AGE_DAYS)
        old.push(`${user.user} (key ${String(index + 1)}, ${String(age)} days)`);
      const idle = days(key.lastUsed);
      if (
        idle === undefined ? age !== undefined && age > MAX_UNUSED_DAYS : idle > MAX_UNUSED_DAYS
      ) {
        unused.push(
          `${user.user} (key ${String(index + 1)}, ${idle === undefined ? "never used" : `last used ${String(idle)} days ago`})`,
        );
      }
    });
  }
  const names = (rowsOf: readonly ReportRow[]) => list(rowsOf.map((u) => u.user));
  if (passwordNoMfa.length > 0) {
    found.push(
      finding(
        "console-password",
        "fail",
        `users with a console password and no MFA: ${names(passwordNoMfa)}`,
        "assign them an MFA device, or delete their console password (`aws iam delete-login-profile --user-name NAME`) and give them roles through Identity Center",
      ),
    );
  }
  if (passwordMfa.length > 0) {
    found.push(
      finding(
        "console-password",
        "warn",
        `users with a console password (with MFA): ${names(passwordMfa)}`,
        "the practice signs in to the console through roles (IAM Identity Center), not IAM user passwords",
      ),
    );
  }
  if (noMfa.length > 0) {
    found.push(
      finding(
        "user-mfa",
        "fail",
        `users with access keys and no MFA: ${names(noMfa)}`,
        "assign each an MFA device and attach `awsafe iam policy force-mfa`, or replace machine users with roles (OIDC for CI)",
      ),
    );
  }
  if (old.length > 0) {
    found.push(
      finding(
        "key-age",
        "fail",
        `access keys older than ${String(MAX_KEY_AGE_DAYS)} days: ${list(old)}`,
        "rotate them: create a new key, store it with `awsafe add <profile> --force`, then delete the old one",
      ),
    );
  }
  if (unused.length > 0) {
    found.push(
      finding(
        "key-unused",
        "warn",
        `access keys unused for ${String(MAX_UNUSED_DAYS)} days: ${list(unused)}`,
        "deactivate them (`aws iam update-access-key --status Inactive`), then delete them",
      ),
    );
  }
  if (twoKeys.length > 0) {
    found.push(
      finding(
        "two-keys",
        "warn",
        `users with two active access keys: ${list(twoKeys)}`,
        "keep one key per user; delete the one not in use",
      ),
    );
  }
  if (found.every((f) => f.check === "root-used")) {
    found.push(
      finding(
        "users",
        "ok",
        `${String(users.length)} IAM user(s): no console password without MFA, MFA on, keys younger than ${String(MAX_KEY_AGE_DAYS)} days and in use`,
      ),
    );
  }
  return found;
}

async function roleFindings(deps: AccountCheckDeps): Promise<Finding[]> {
  const roles = await deps.iam.listRoles(deps.credentials, deps.context);
  const checked = roles.filter((role) => !awsOwned(role));
  const account = /^arn:[^:]*:iam::(\d{12}):/.exec(roles[0]?.arn ?? "")?.[1] ?? "ACCOUNT";
  const results = checked.map((role) => {
    try {
      return trustFinding(
        role.arn,
        readPolicyDocument(role.trustPolicy, `trust policy of ${role.roleName}`),
        deps.now,
        account,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return finding("role-trust", "warn", `${role.arn}: ${error.message}`);
    }
  });
  const problems = results.filter((f) => f.status !== "ok");
  const skipped = roles.length - checked.length;
  const summary = finding(
    "role-trust",
    "ok",
    `${String(results.length - problems.length)} role(s) require MFA or trust only services and federated identities${skipped > 0 ? ` (${String(skipped)} service-linked or Identity Center role(s) not checked)` : ""}`,
  );
  return [
    ...problems,
    ...(results.length > problems.length || problems.length === 0 ? [summary] : []),
  ];
}

// Roles AWS makes and manages: service-linked ones and Identity Center's permission-set roles.
function awsOwned(role: IamRole): boolean {
  return (
    role.path.startsWith("/aws-service-role/") ||
    role.path.startsWith("/aws-reserved/") ||
    role.roleName.startsWith("AWSReservedSSO_")
  );
}
