/** `ok` (✓), `warn` (!: worth a look) or `fail` (✗: against the practice). */
export type FindingStatus = "ok" | "warn" | "fail";

/** A fix `doctor --fix` may apply on this machine (never on the account), each after a yes. */
export type LocalFix =
  | { readonly kind: "chmod"; readonly path: string; readonly mode: number }
  | { readonly kind: "delete"; readonly paths: readonly string[] }
  | { readonly kind: "import" };

/** One line of `awsafe doctor` or `awsafe iam check`. */
export interface Finding {
  /** A stable name of the check (`root-mfa`, `plaintext-keys`), for `--json` and scripts. */
  readonly check: string;
  readonly status: FindingStatus;
  /** One line: what was found. Never a secret. */
  readonly message: string;
  /** What to do, as a command where one exists. */
  readonly fix?: string | undefined;
  readonly localFix?: LocalFix | undefined;
  /** What the finding is about when the check runs once per thing (a role's ARN). */
  readonly subject?: string | undefined;
}

/** A finding, without the optional fields when they are absent. */
export function finding(
  check: string,
  status: FindingStatus,
  message: string,
  fix?: string,
  localFix?: LocalFix,
): Finding {
  return {
    check,
    status,
    message,
    ...(fix === undefined ? {} : { fix }),
    ...(localFix === undefined ? {} : { localFix }),
  };
}
