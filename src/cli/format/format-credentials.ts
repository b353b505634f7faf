import type { AwsCredentials } from "../../ports/aws/credentials.js";
import { toProcessDocument } from "../../ports/credentials-json.js";

/** The formats of `awsafe export --format`. */
export const exportFormats = [
  "env",
  "dotenv",
  "fish",
  "powershell",
  "json",
  "process",
  "ini",
] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Whether `value` names an export format. */
export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

/**
 * Credentials as text for a shell, a file or a program. `process` is exactly what
 * `credential_process` must print (`aws configure export-credentials --format process`); `env`
 * matches that command's `--format env`. Values are quoted for their target so no shell ever
 * interprets them.
 */
export function formatCredentials(
  format: ExportFormat,
  credentials: AwsCredentials,
  extra: { readonly profile: string; readonly region: string | undefined },
): string {
  const variables = credentialVariables(credentials, extra.region);
  switch (format) {
    case "env":
      return lines(variables.map(([name, value]) => `export ${name}=${shQuote(value)}`));
    case "dotenv":
      return lines(variables.map(([name, value]) => `${name}=${shQuote(value)}`));
    case "fish":
      return lines(variables.map(([name, value]) => `set -gx ${name} ${shQuote(value)};`));
    case "powershell":
      return lines(
        variables.map(([name, value]) => `$Env:${name}='${value.replaceAll("'", "''")}'`),
      );
    case "json":
      return `${JSON.stringify(toProcessDocument(credentials), null, 2)}\n`;
    case "process":
      return `${JSON.stringify(toProcessDocument(credentials))}\n`;
    case "ini":
      return lines([
        `[${extra.profile}]`,
        `aws_access_key_id = ${credentials.accessKeyId}`,
        `aws_secret_access_key = ${credentials.secretAccessKey}`,
        ...(credentials.sessionToken === undefined
          ? []
          : [`aws_session_token = ${credentials.sessionToken}`]),
        ...(extra.region === undefined ? [] : [`region = ${extra.region}`]),
      ]);
  }
}

function credentialVariables(
  credentials: AwsCredentials,
  region: string | undefined,
): [string, string][] {
  const variables: [string, string][] = [
    ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
  ];
  if (credentials.sessionToken !== undefined)
    variables.push(["AWS_SESSION_TOKEN", credentials.sessionToken]);
  if (credentials.expiration !== undefined) {
    variables.push(["AWS_CREDENTIAL_EXPIRATION", credentials.expiration.toISOString()]);
  }
  if (region !== undefined) variables.push(["AWS_REGION", region], ["AWS_DEFAULT_REGION", region]);
  return variables;
}

function shQuote(value: string): string {
  return /^[A-Za-z0-9_\-/.+=:@%,]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function lines(items: readonly string[]): string {
  return `${items.join("\n")}\n`;
}
