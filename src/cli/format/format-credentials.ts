import type { AwsCredentials } from "../../ports/aws/credentials.js";
import { toProcessDocument } from "../../ports/credentials-json.js";
import { processOutput } from "../../ports/credentials-json.js";
import { posixExports } from "./posix-exports.js";
import { dotenvValue } from "./quoting/dotenv-value.js";
import { fishWord } from "./quoting/fish-word.js";
import { iniSection } from "./quoting/ini-section.js";
import { iniValue } from "./quoting/ini-value.js";
import { powershellString } from "./quoting/powershell-string.js";

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
 * matches that command's `--format env`. Each value is quoted for its own reader (values from a
 * `credential_process` or a config file are not trusted), so no shell ever runs any part of it.
 *
 * @throws ConfigError (exit 78) for a value the format cannot carry exactly (see quoting/).
 */
export function formatCredentials(
  format: ExportFormat,
  credentials: AwsCredentials,
  extra: { readonly profile: string; readonly region: string | undefined },
): string {
  const variables = credentialVariables(credentials, extra.region);
  switch (format) {
    case "env":
      return posixExports(variables);
    case "dotenv":
      return lines(variables.map(([name, value]) => `${name}=${dotenvValue(value, name)}`));
    case "fish":
      return lines(variables.map(([name, value]) => `set -gx ${name} ${fishWord(value, name)};`));
    case "powershell":
      return lines(
        variables.map(([name, value]) => `$Env:${name}=${powershellString(value, name)}`),
      );
    case "json":
      return `${JSON.stringify(toProcessDocument(credentials), null, 2)}\n`;
    case "process":
      return processOutput(credentials);
    case "ini":
      return lines([
        iniSection(extra.profile),
        ...iniVariables(credentials, extra.region).map(
          ([key, value]) => `${key} = ${iniValue(value, key)}`,
        ),
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

function iniVariables(credentials: AwsCredentials, region: string | undefined): [string, string][] {
  const variables: [string, string][] = [
    ["aws_access_key_id", credentials.accessKeyId],
    ["aws_secret_access_key", credentials.secretAccessKey],
  ];
  if (credentials.sessionToken !== undefined) {
    variables.push(["aws_session_token", credentials.sessionToken]);
  }
  if (region !== undefined) variables.push(["region", region]);
  return variables;
}

function lines(items: readonly string[]): string {
  return `${items.join("\n")}\n`;
}
