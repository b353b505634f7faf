import type { AwsCredentials } from "../../ports/aws/credentials.js";
import { toProcessDocument } from "../../ports/credentials-json.js";

/**
 * What `credential_process` prints: the Version 1 document on one line (as `aws configure
 * export-credentials --format process` does). Its own file: the hot path prints only this, and
 * needs none of the shell formats.
 */
export function processOutput(credentials: AwsCredentials): string {
  return `${JSON.stringify(toProcessDocument(credentials))}\n`;
}
