import { type AppError, AuthError, ConfigError } from "../errors.js";
import { AwsUnavailableError } from "../ports/aws/aws-errors.js";
import { redact } from "../redact.js";
import { type FailedCall, mapCommonAwsError, otherAwsError } from "./map-aws-error.js";

/** The IAM operation that failed, and what its messages name. */
export interface FailedIamCall {
  readonly operation:
    | "GetUser"
    | "ListAccessKeys"
    | "CreateAccessKey"
    | "UpdateAccessKey"
    | "DeleteAccessKey"
    | "GetAccessKeyLastUsed"
    | "ListMFADevices"
    | "GetAccountSummary"
    | "GenerateCredentialReport"
    | "GetCredentialReport"
    | "ListRoles"
    | "GetRole"
    | "ListGroupsForUser"
    | "ListUserPolicies"
    | "ListGroupPolicies"
    | "GetUserPolicy"
    | "GetGroupPolicy"
    | "ListAttachedUserPolicies"
    | "ListAttachedGroupPolicies"
    | "GetPolicy"
    | "GetPolicyVersion";
  /** What else the call is about (a role, a policy), for messages. */
  readonly subject?: string;
  readonly profile: string | undefined;
  /** The user the call is about; `undefined` for the user who signs it. */
  readonly userName: string | undefined;
  readonly accessKeyId?: string;
  /** The credentials that signed the call were temporary (a session, not an access key). */
  readonly temporaryCredentials: boolean;
}

/**
 * Turns whatever the IAM client threw into an AppError. AWS's AccessDenied text is quoted: it
 * names the action and resource the policy does not allow, and never a secret. The SDK names the
 * errors IAM's model declares after their class (`NoSuchEntityException` for the wire code
 * `NoSuchEntity`) and the common ones after the code (`AccessDenied`), so both spellings count.
 */
export function mapIamError(error: unknown, call: FailedIamCall): AppError {
  const failed: FailedCall = {
    what: describeIamCall(call),
    service: "IAM",
    endpointVariable: "AWS_ENDPOINT_URL_IAM",
  };
  const common = mapCommonAwsError(error, failed);
  if ("mapped" in common) return common.mapped;
  const { what } = failed;
  const { code, message } = common.facts;
  switch (code) {
    case "AccessDenied":
    case "AccessDeniedException":
      return new AuthError(`${what} was denied: ${message}`, {
        hint: "The IAM policies of this user do not allow the call; policies that require MFA allow it only from a session made with MFA",
        cause: error,
      });
    case "ReportNotPresent":
    case "CredentialReportNotPresentException":
    case "ReportExpired":
    case "CredentialReportExpiredException":
    case "ReportInProgress":
    case "CredentialReportNotReadyException":
      return new AwsUnavailableError(`${what} failed: ${message}`, {
        hint: "IAM makes the credential report in the background; try again in a minute",
        cause: error,
      });
    case "LimitExceeded":
    case "LimitExceededException":
      return call.operation === "CreateAccessKey"
        ? new AuthError(
            `${what} failed: the user already has two access keys, the most IAM allows`,
            {
              hint: "Delete the key that is not in use (IAM console, or `aws iam delete-access-key`) and try again",
              cause: error,
            },
          )
        : otherAwsError(error, failed, common.facts);
    case "NoSuchEntity":
    case "NoSuchEntityException":
      return new ConfigError(`${what} failed: ${message}`, {
        hint: "Check the user name and the access key id",
        cause: error,
      });
    case "ValidationError":
    case "InvalidInput":
    case "InvalidInputException":
      return new ConfigError(`${what} was refused: ${message}`, { cause: error });
    case "ExpiredToken":
      return new AuthError(`${what} failed: the session it was signed with has expired`, {
        hint: "Get new credentials and try again",
        cause: error,
      });
    case "SignatureDoesNotMatch":
      if (/signature expired/i.test(message)) {
        return new AuthError(`${what} failed: this computer's clock is off (${message})`, {
          hint: "Set the clock right (enable NTP, e.g. `timedatectl set-ntp true`) and try again",
          cause: error,
        });
      }
      return keyRefused(error, call, what, code);
    case "InvalidClientTokenId":
      return keyRefused(error, call, what, code);
    default:
      return otherAwsError(error, failed, common.facts);
  }
}

function describeIamCall(call: FailedIamCall): string {
  const key = call.accessKeyId === undefined ? "" : ` of key ${redact(call.accessKeyId)}`;
  const user =
    call.subject !== undefined
      ? ` of ${call.subject}`
      : call.userName === undefined
        ? " for the calling user"
        : ` for user "${call.userName}"`;
  const profile = call.profile === undefined ? "" : ` (profile "${call.profile}")`;
  return `${call.operation}${key}${user}${profile}`;
}

function keyRefused(error: unknown, call: FailedIamCall, what: string, code: string): AppError {
  if (call.temporaryCredentials) {
    // IAM refuses GetSessionToken sessions made without MFA with the same code (STS docs).
    return new AuthError(
      `${what} failed: AWS does not accept the session it was signed with (${code})`,
      {
        hint: "IAM accepts a GetSessionToken session only when it was made with MFA; get a new session with MFA and try again",
        cause: error,
      },
    );
  }
  return new AuthError(
    `${what} failed: AWS does not accept the key (${code}): it was deleted, deactivated or mistyped`,
    {
      hint:
        call.profile === undefined
          ? "Use a valid access key"
          : `Store a valid key with \`awsafe add ${call.profile} --force\``,
      cause: error,
    },
  );
}
