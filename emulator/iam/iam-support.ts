import { validateIdentityPolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { invalidToken } from "../auth/authenticate.js";
import { type Caller, callerAccount } from "../auth/caller.js";
import type { PageLimit } from "../control/page-limit.js";
import { missingParameter, validationError } from "../http/aws-error.js";
import type { QueryParams } from "../http/query-protocol.js";
import { authorize } from "../policy/authorize.js";
import type { EmulatorState } from "../state.js";
import { malformedPolicy } from "../world/iam-errors.js";
import type { User } from "../world/model.js";

/**
 * Lets the caller at IAM: GetSessionToken credentials without MFA and federated-user credentials
 * cannot call IAM at all (STS docs), then the caller's policies must allow `iam:<action>`.
 */
export async function authorizeIam(
  state: EmulatorState,
  caller: Caller,
  action: string,
  resourceArn: string,
): Promise<void> {
  const p = caller.principal;
  if (p.kind === "federated") throw invalidToken();
  if (
    caller.session !== undefined &&
    p.kind === "user" &&
    caller.session.mfaAuthenticatedAt === undefined
  ) {
    throw invalidToken();
  }
  await authorize(state.world, caller, {
    action: `iam:${action}`,
    resourceArn,
    resourceAccount: callerAccount(caller),
  });
}

/** The user a call is about: `UserName`, or the calling IAM user itself when omitted. */
export function targetUser(state: EmulatorState, caller: Caller, params: QueryParams): User {
  const name = params["UserName"];
  if (name !== undefined) return state.world.user(callerAccount(caller), name);
  const p = caller.principal;
  if (p.kind === "role")
    throw validationError("Must specify userName when calling with non-User credentials");
  return p.user;
}

/** A required IAM parameter. */
export function requiredParam(params: QueryParams, name: string): string {
  const value = params[name];
  if (value === undefined || value === "")
    throw missingParameter(name.charAt(0).toLowerCase() + name.slice(1));
  return value;
}

/** IAM returns policy documents URL-encoded (RFC 3986), as AWS does. */
export function encodePolicy(document: string): string {
  return encodeURIComponent(document);
}

/** Validates an identity policy document; MalformedPolicyDocument with the first problem. */
export function checkIdentityPolicy(text: string): string {
  return checkPolicy(text, validateIdentityPolicy);
}

/** Validates a role trust policy; MalformedPolicyDocument with the first problem. */
export function checkTrustPolicy(text: string): string {
  return checkPolicy(text, validateTrustPolicy);
}

function checkPolicy(
  text: string,
  validate: (policy: unknown) => ReadonlyArray<{ path: string; message: string }>,
): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedPolicy("Syntax errors in policy.");
  }
  const [problem] = validate(parsed);
  if (problem !== undefined) throw malformedPolicy(`${problem.path}: ${problem.message}`);
  return text;
}

/** One page of a Marker/MaxItems listing, no larger than the control API's page limit. */
export function paginate<T>(
  items: readonly T[],
  params: QueryParams,
  limit: PageLimit,
): { page: T[]; IsTruncated: boolean; Marker: string | undefined } {
  const start = Number(params["Marker"] ?? "0") || 0;
  const max = limit.apply(Math.min(Number(params["MaxItems"] ?? "100") || 100, 1000));
  const page = items.slice(start, start + max);
  const next = start + page.length;
  const truncated = next < items.length;
  return { page, IsTruncated: truncated, Marker: truncated ? String(next) : undefined };
}
