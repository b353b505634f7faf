import type { AwsCredentials } from "./aws/credentials.js";

/**
 * The one mapping between {@link AwsCredentials} and JSON, in its two shapes:
 *
 * - {@link CredentialsData}: awsafe's own (the agent's wire, stored sessions), camel-cased with
 *   the expiry as ISO 8601;
 * - {@link ProcessDocument}: the Version 1 document `credential_process` prints (SPECS §b.3),
 *   which `export --format process|json` prints and `credential_process` commands are read by.
 *
 * Readers check every field and name the first wrong one, never echoing a value (they are
 * secrets); absent optional fields are left out, never written as `undefined`.
 */

/** Credentials as awsafe keeps and sends them. */
export interface CredentialsData {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** ISO 8601. */
  readonly expiration?: string;
  readonly accountId?: string;
}

/** The Version 1 `credential_process` document. */
export interface ProcessDocument {
  readonly Version: 1;
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken?: string;
  /** ISO 8601. */
  readonly Expiration?: string;
  readonly AccountId?: string;
}

/** A field that is missing or malformed, by name; or the credentials it read. */
export type ReadResult = { readonly credentials: AwsCredentials } | { readonly problem: string };

/** `credentials` as {@link CredentialsData}. */
export function toCredentialsData(credentials: AwsCredentials): CredentialsData {
  const { sessionToken, expiration, accountId } = credentials;
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(sessionToken === undefined ? {} : { sessionToken }),
    ...(expiration === undefined ? {} : { expiration: isoTime(expiration) }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}

/** Reads {@link CredentialsData} from parsed JSON. */
export function readCredentialsData(value: unknown): ReadResult {
  return readFields(value, {
    accessKeyId: "accessKeyId",
    secretAccessKey: "secretAccessKey",
    sessionToken: "sessionToken",
    expiration: "expiration",
    accountId: "accountId",
  });
}

/** `credentials` as the Version 1 `credential_process` document. */
export function toProcessDocument(credentials: AwsCredentials): ProcessDocument {
  const data = toCredentialsData(credentials);
  return {
    Version: 1,
    AccessKeyId: data.accessKeyId,
    SecretAccessKey: data.secretAccessKey,
    ...(data.sessionToken === undefined ? {} : { SessionToken: data.sessionToken }),
    ...(data.expiration === undefined ? {} : { Expiration: data.expiration }),
    ...(data.accountId === undefined ? {} : { AccountId: data.accountId }),
  };
}

/**
 * What `credential_process` prints: the Version 1 document on one line (as `aws configure
 * export-credentials --format process` does). The agent makes it too, for a client that prints
 * a remembered answer as it comes (agent-protocol.ts's `ifRemembered`).
 */
export function processOutput(credentials: AwsCredentials): string {
  return `${JSON.stringify(toProcessDocument(credentials))}\n`;
}

/** Reads a Version 1 `credential_process` document from parsed JSON. */
export function readProcessDocument(value: unknown): ReadResult {
  if (!isObject(value)) return { problem: "JSON that is not an object" };
  if (field(value, "Version") !== 1) return { problem: "an unsupported Version (supported: 1)" };
  return readFields(value, {
    accessKeyId: "AccessKeyId",
    secretAccessKey: "SecretAccessKey",
    sessionToken: "SessionToken",
    expiration: "Expiration",
    accountId: "AccountId",
  });
}

type FieldNames = { readonly [K in keyof CredentialsData]-?: string };

function readFields(value: unknown, names: FieldNames): ReadResult {
  if (!isObject(value)) return { problem: "JSON that is not an object" };
  let problem: string | undefined;
  const text = (name: string, required: boolean): string | undefined => {
    const found = field(value, name);
    if (found === undefined && !required) return undefined;
    if (typeof found === "string" && found !== "") return found;
    problem ??= `no valid ${name}`;
    return undefined;
  };
  const accessKeyId = text(names.accessKeyId, true);
  const secretAccessKey = text(names.secretAccessKey, true);
  const sessionToken = text(names.sessionToken, false);
  const expirationText = text(names.expiration, false);
  const accountId = text(names.accountId, false);
  if (problem !== undefined) return { problem };
  if (accessKeyId === undefined || secretAccessKey === undefined) return { problem: "no keys" };
  const expiration = expirationText === undefined ? undefined : new Date(expirationText);
  if (expiration !== undefined && Number.isNaN(expiration.getTime())) {
    return { problem: `an ${names.expiration} that is not an ISO 8601 time` };
  }
  return {
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
      ...(expiration === undefined ? {} : { expiration }),
      ...(accountId === undefined ? {} : { accountId }),
    },
  };
}

/**
 * `time` as `toISOString` writes it. Spelled out for the years of any expiry (0 to 9999) because
 * V8's `toISOString` sets up the local time zone (reading /etc/localtime) at its first call, and
 * `credential_process` would pay that at every AWS call for a zone it never prints.
 */
function isoTime(time: Date): string {
  const year = time.getUTCFullYear();
  // Other years, and an invalid date (NaN: toISOString throws), as toISOString has them.
  if (!(year >= 0 && year <= 9999)) return time.toISOString();
  const pad = (value: number, digits = 2) => String(value).padStart(digits, "0");
  const date = `${pad(year, 4)}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())}`;
  const clock = `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())}`;
  return `${date}T${clock}.${pad(time.getUTCMilliseconds(), 3)}Z`;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: object, name: string): unknown {
  return Object.getOwnPropertyDescriptor(value, name)?.value;
}
