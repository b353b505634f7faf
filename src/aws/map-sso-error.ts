import { type AppError, AuthError, ConfigError } from "../errors.js";
import { SsoTokenRefusedError } from "../ports/aws/aws-errors.js";
import type { SsoCallContext, SsoRole } from "../ports/aws/sso.js";
import { type FailedCall, mapCommonAwsError, otherAwsError } from "./map-aws-error.js";

/** The portal operation that failed, and what its messages name. */
export type FailedSsoCall =
  | {
      readonly operation: "GetRoleCredentials";
      readonly context: SsoCallContext;
      readonly role: SsoRole;
    }
  | {
      readonly operation: "ListAccountRoles";
      readonly context: SsoCallContext;
      readonly accountId: string;
    }
  | { readonly operation: "ListAccounts" | "Logout"; readonly context: SsoCallContext };

const assignmentHint =
  "Check sso_account_id and sso_role_name of the profile against the accounts and roles the AWS access portal shows you";

/**
 * Turns whatever the SSO client threw into an AppError (SPECS-2 §B.4 lists the portal's errors).
 * The access token is never part of a message: the SDK sends it in a header, and the portal's
 * errors do not repeat it.
 */
export function mapSsoError(error: unknown, call: FailedSsoCall): AppError {
  const failed: FailedCall = {
    what: describeSsoCall(call),
    service: "the IAM Identity Center portal",
    endpointVariable: "AWS_ENDPOINT_URL_SSO",
  };
  const common = mapCommonAwsError(error, failed);
  if ("mapped" in common) return common.mapped;
  const { what } = failed;
  switch (common.facts.code) {
    // An expired, revoked or logged-out token: retrying cannot help, a new sign-in does.
    case "UnauthorizedException":
      return new SsoTokenRefusedError(
        `${what} failed: ${signInOf(call.context)} has expired or was ended`,
        {
          hint: "Sign in again with `awsafe sso login`",
          cause: error,
        },
      );
    case "ForbiddenException":
    case "AccessDeniedException":
      return new AuthError(`${what} was refused: ${refusal(call)}`, {
        hint: `${assignmentHint}, or ask the Identity Center administrator to assign it to you`,
        cause: error,
      });
    case "ResourceNotFoundException":
      return new ConfigError(`${what} failed: IAM Identity Center does not know ${subject(call)}`, {
        hint: assignmentHint,
        cause: error,
      });
    case "InvalidRequestException":
      return new ConfigError(`${what} was refused: ${common.facts.message}`, {
        hint: "Check sso_account_id, sso_role_name and sso_region of the profile or its sso-session",
        cause: error,
      });
    default:
      return otherAwsError(error, failed, common.facts);
  }
}

function describeSsoCall(call: FailedSsoCall): string {
  const profile = call.context.profile === undefined ? "" : ` (profile "${call.context.profile}")`;
  switch (call.operation) {
    case "GetRoleCredentials":
      return `GetRoleCredentials for role "${call.role.roleName}" in account ${call.role.accountId}${profile}`;
    case "ListAccountRoles":
      return `ListAccountRoles of account ${call.accountId}${profile}`;
    case "ListAccounts":
    case "Logout":
      return `${call.operation} at ${call.context.startUrl ?? "IAM Identity Center"}${profile}`;
  }
}

function signInOf(context: SsoCallContext): string {
  return context.startUrl === undefined
    ? "the IAM Identity Center sign-in"
    : `the IAM Identity Center sign-in to ${context.startUrl}`;
}

function refusal(call: FailedSsoCall): string {
  return call.operation === "GetRoleCredentials"
    ? `the signed-in user has no access to role "${call.role.roleName}" in account ${call.role.accountId}`
    : "the signed-in user has no access to it";
}

function subject(call: FailedSsoCall): string {
  switch (call.operation) {
    case "GetRoleCredentials":
      return `account ${call.role.accountId} or its role "${call.role.roleName}" for this user`;
    case "ListAccountRoles":
      return `account ${call.accountId} for this user`;
    case "ListAccounts":
    case "Logout":
      return "what was asked for";
  }
}
