import path from "node:path";
import { stringProperty } from "../../../config/config-data.js";
import type { SharedConfig } from "../../../config/parse-shared-config.js";
import type { AppContext } from "../../app-context.js";
import { type Finding, finding } from "../finding.js";
import { homeOf, readIfPresent } from "./files.js";

/**
 * Long-term keys in the shared files (`aws_access_key_id` that is not a temporary `ASIA` key
 * and has no session token). Temporary ones are a warning: readable by any process, but they
 * expire.
 */
export function sharedFileKeyFindings(shared: SharedConfig): Finding[] {
  const longTerm: string[] = [];
  const temporary: string[] = [];
  for (const [profile, properties] of shared.data.profiles) {
    const keyId = stringProperty(properties, "aws_access_key_id");
    if (keyId === undefined) continue;
    const session = stringProperty(properties, "aws_session_token") !== undefined;
    (session || keyId.startsWith("ASIA") ? temporary : longTerm).push(profile);
  }
  const found: Finding[] = [];
  if (longTerm.length > 0) {
    found.push(
      finding(
        "plaintext-keys",
        "fail",
        `long-term keys in plain text in the shared files: profile(s) ${longTerm.join(", ")}`,
        "awsafe import",
        { kind: "import" },
      ),
    );
  }
  if (temporary.length > 0) {
    found.push(
      finding(
        "plaintext-session",
        "warn",
        `temporary credentials in plain text in the shared files: profile(s) ${temporary.join(", ")}`,
        "remove them; `awsafe exec` and `credential_process` give temporary credentials without writing them",
      ),
    );
  }
  if (found.length === 0)
    found.push(finding("plaintext-keys", "ok", "no keys in plain text in the shared files"));
  return found;
}

/**
 * AWS keys exported in this environment: long-term ones are a failure, temporary ones from
 * `awsafe exec` are expected.
 */
export function environmentFindings(context: AppContext): Finding[] {
  const keyId = context.env.AWS_ACCESS_KEY_ID;
  const secret = context.env.AWS_SECRET_ACCESS_KEY;
  if (keyId === undefined && secret === undefined) {
    return [finding("environment", "ok", "no AWS keys in the environment")];
  }
  const temporary =
    context.env.AWS_SESSION_TOKEN !== undefined || keyId?.startsWith("ASIA") === true;
  if (temporary && context.env.AWSAFE_PROFILE !== undefined) {
    return [
      finding(
        "environment",
        "ok",
        `temporary credentials of awsafe exec (profile ${context.env.AWSAFE_PROFILE})`,
      ),
    ];
  }
  if (temporary) {
    return [
      finding(
        "environment",
        "warn",
        "temporary AWS credentials are exported in this environment",
        "unset them when done; `awsafe exec <profile> -- cmd` scopes them to one command",
      ),
    ];
  }
  return [
    finding(
      "environment",
      "fail",
      "a long-term AWS key is exported in this environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)",
      "store it with `awsafe add <profile> --env`, then unset both variables and remove them from wherever they are set",
    ),
  ];
}

// The value ends where the key's own characters end: a secret may end in '/' or '+', after
// which a word boundary (\b) would not match.
const keyLine =
  /\bAWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)\b["']?\s*(?:=|\s)\s*["']?(?:AKIA[A-Z0-9]{16}|[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/;

/** The shell start-up files and the current directory's env files that may export keys. */
export function shellFiles(context: AppContext, cwd: string): string[] {
  const home = homeOf(context);
  return [
    ...[
      ".bashrc",
      ".bash_profile",
      ".zshrc",
      ".zshenv",
      ".profile",
      ".config/fish/config.fish",
    ].map((name) => path.join(home, name)),
    path.join(cwd, ".envrc"),
    path.join(cwd, ".env"),
  ];
}

/**
 * Keys written in shell start-up files and in `.envrc` / `.env` of the current directory: a
 * literal key ID (`AKIA...`) or secret (40 characters) after `AWS_ACCESS_KEY_ID` or
 * `AWS_SECRET_ACCESS_KEY`. Lines that take the value from a command or a variable are fine.
 * The finding names the file and line, never the value.
 */
export async function shellFileFindings(context: AppContext, cwd: string): Promise<Finding[]> {
  const found: string[] = [];
  for (const file of [...new Set(shellFiles(context, cwd))]) {
    const text = await readIfPresent(file);
    if (text === undefined) continue;
    text.split(/\r?\n/).forEach((line, index) => {
      const match = keyLine.exec(line);
      if (match !== null && !line.trimStart().startsWith("#")) {
        found.push(`${file}:${String(index + 1)} (AWS_${match[1] ?? ""})`);
      }
    });
  }
  if (found.length === 0) {
    return [finding("shell-files", "ok", "no AWS keys written in shell start-up or env files")];
  }
  return [
    finding(
      "shell-files",
      "fail",
      `AWS keys in plain text: ${found.join(", ")}`,
      'store the key with `awsafe add <profile> --env`, then delete those lines; use `awsafe exec` or `eval "$(awsafe export <profile>)"` where a shell needs them',
    ),
  ];
}
