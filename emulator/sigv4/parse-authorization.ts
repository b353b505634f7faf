import { AwsError } from "../http/aws-error.js";

/** The parts of a SigV4 `Authorization` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=…,
 * Signature=…`. Returns undefined when the request carries no Authorization header.
 */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  if (header === undefined) return undefined;
  const m = PATTERN.exec(header.trim());
  if (m === null) {
    throw new AwsError(
      "IncompleteSignature",
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (AWS4-HMAC-SHA256).",
      403,
    );
  }
  const [
    ,
    accessKeyId = "",
    scopeDate = "",
    region = "",
    service = "",
    headers = "",
    signature = "",
  ] = m;
  return { accessKeyId, scopeDate, region, service, signedHeaders: headers.split(";"), signature };
}

/** Reads the access key id from a request's Authorization header without validating the rest. */
export function peekAccessKeyId(header: string | undefined): string | undefined {
  return header === undefined ? undefined : /Credential=([^/,\s]+)\//.exec(header)?.[1];
}
