import { accessDenied, missingParameter, validationError } from "../http/aws-error.js";
import type { QueryParams } from "../http/query-protocol.js";

/** A required parameter, or the model's "must not be null" ValidationError. */
export function required(params: QueryParams, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw missingParameter(lowerFirst(name));
  return value;
}

/** `DurationSeconds` within the model's bounds, or `fallback` when absent. */
export function durationSeconds(
  params: QueryParams,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = params["DurationSeconds"];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw validationError(
      `1 validation error detected: Value '${text}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`,
    );
  }
  if (value < min) {
    throw validationError(
      `1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw validationError(
      `1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
  return value;
}

/** Checks a string parameter against the STS model's length and pattern constraints. */
export function constrained(
  params: QueryParams,
  name: string,
  minLength: number,
  maxLength: number,
  pattern: RegExp,
): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const member = lowerFirst(name);
  if (value.length < minLength || value.length > maxLength) {
    const bound =
      value.length < minLength
        ? `greater than or equal to ${minLength}`
        : `less than or equal to ${maxLength}`;
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  if (!pattern.test(value)) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`,
    );
  }
  return value;
}

/** STS's patterns (botocore sts service-2.json). */
export const StsPattern = {
  roleSessionName: /^[\w+=,.@-]*$/,
  externalId: /^[\w+=,.@:/-]*$/,
  serialNumber: /^[\w+=/:,.@-]*$/,
  tokenCode: /^[\d]*$/,
  federatedName: /^[\w+=,.@-]*$/,
  sourceIdentity: /^[\w+=,.@-]*$/,
} as const;

/** The AccessDenied STS answers for a wrong or replayed one-time code. */
export function invalidMfaCode() {
  return accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
}

/** The AccessDenied STS answers when the serial is not the caller's device. */
export function unknownMfaDevice() {
  // Two spaces after "code." as in AWS's text (aws/aws-cli#6325).
  return accessDenied(
    "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.",
  );
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
