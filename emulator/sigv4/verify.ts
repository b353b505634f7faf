import { timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsError } from "../http/aws-error.js";
import type { EmulatorRequest } from "../http/types.js";
import { NodeSha256 } from "./node-sha256.js";
import type { SigV4Authorization } from "./parse-authorization.js";

/** AWS's tolerance for the signer's clock, as the issue sets it. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The secret material a signature is checked against. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Checks a SigV4-signed request: the request time must be within 5 minutes of `nowMs`, and the
 * signature must equal the one `@smithy/signature-v4` computes over the same signed headers with
 * the issued secret. Throws SignatureDoesNotMatch otherwise.
 */
export async function verifySignature(
  request: EmulatorRequest,
  auth: SigV4Authorization,
  credentials: SigningCredentials,
  nowMs: number,
): Promise<void> {
  const amzDate = headerValue(request, "x-amz-date");
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signingDate === undefined || !amzDate.startsWith(auth.scopeDate)) {
    throw signatureMismatch();
  }
  checkSkew(amzDate, signingDate, nowMs);
  const expected = await computeSignature(request, auth, credentials, signingDate);
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(auth.signature, "utf8");
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw signatureMismatch();
}

async function computeSignature(
  request: EmulatorRequest,
  auth: SigV4Authorization,
  credentials: SigningCredentials,
  signingDate: Date,
): Promise<string> {
  const signer = new SignatureV4({
    credentials,
    region: auth.region,
    service: auth.service,
    sha256: NodeSha256,
    uriEscapePath: true,
    // Don't add x-amz-content-sha256: only the headers the client signed may take part.
    applyChecksum: false,
  });
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = headerValue(request, name) ?? "";
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: request.url.hostname,
      path: request.url.pathname,
      query: queryOf(request.url),
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const authorization = signed.headers["authorization"] ?? "";
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? "";
}

function checkSkew(amzDate: string, signingDate: Date, nowMs: number): void {
  const now = formatAmzDate(new Date(nowMs));
  if (signingDate.getTime() < nowMs - MAX_CLOCK_SKEW_MS) {
    const limit = formatAmzDate(new Date(nowMs - MAX_CLOCK_SKEW_MS));
    throw signatureMismatch(
      `Signature expired: ${amzDate} is now earlier than ${limit} (${now} - 5 min.)`,
    );
  }
  if (signingDate.getTime() > nowMs + MAX_CLOCK_SKEW_MS) {
    const limit = formatAmzDate(new Date(nowMs + MAX_CLOCK_SKEW_MS));
    throw signatureMismatch(
      `Signature not yet current: ${amzDate} is still later than ${limit} (${now} + 5 min.)`,
    );
  }
}

/** SignatureDoesNotMatch (403) with AWS's default text. */
export function signatureMismatch(
  message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
): AwsError {
  return new AwsError("SignatureDoesNotMatch", message, 403);
}

function headerValue(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null) as Record<
    string,
    string | string[]
  >;
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [existing, value].flat();
  }
  return query;
}

/** `20240102T030405Z` → Date, or undefined if malformed. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0));
}

/** Date → `20240102T030405Z`. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
