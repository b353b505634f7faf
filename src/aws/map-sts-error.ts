import { type AppError, AuthError, ConfigError } from "../errors.js";
import { AccessDeniedError, MfaCodeRejectedError } from "../ports/aws/aws-errors.js";
import { mapCommonAwsError, otherAwsError } from "./map-aws-error.js";

/** The STS operation that failed, and what the message needs to know about the call. */
export interface FailedStsCall {
  readonly operation:
    | "GetSessionToken"
    | "AssumeRole"
    | "AssumeRoleWithWebIdentity"
    | "GetCallerIdentity"
    | "GetFederationToken";
  readonly profile: string;
  /** The credentials that signed the call were temporary (a session, not an access key). */
  readonly temporaryCredentials: boolean;
  readonly roleArn?: string;
  readonly mfaSerial?: string;
}

/**
 * Turns whatever the SDK threw into an AppError that says what failed and what to do
 * (SPECS §b.5 lists the texts AWS answers with). The AWS message is kept in `cause` only where it
 * adds nothing for the user; where it explains the refusal it is quoted (it never holds a secret).
 */
export function mapStsError(error: unknown, call: FailedStsCall): AppError {
  const what = describeCall(call);
  const common = mapCommonAwsError(error, {
    what,
    service: "STS",
    endpointVariable: "AWS_ENDPOINT_URL_STS",
  });
  if ("mapped" in common) return common.mapped;
  const { code, message } = common.facts;
  switch (code) {
    case "InvalidClientTokenId":
    case "ExpiredToken":
      return badCredentials(error, call, what, code);
    case "SignatureDoesNotMatch":
      return /signature expired/i.test(message)
        ? new AuthError(`${what} failed: this computer's clock is off (${message})`, {
            hint: "STS accepts requests within 15 minutes of its time: set the clock right (enable NTP, e.g. `timedatectl set-ntp true`) and try again",
            cause: error,
          })
        : badCredentials(error, call, what, code);
    case "AccessDenied":
      return accessDenied(error, call, what, message);
    case "ValidationError":
      return new ConfigError(`${what} was refused: ${message}`, {
        hint: `Check the settings of profile "${call.profile}" (duration_seconds or --duration, role_session_name, external_id)`,
        cause: error,
      });
    case "RegionDisabledException":
      return new ConfigError(`${what} failed: STS is not enabled in this region`, {
        hint: "Use another region (--region, AWS_REGION or the profile's region), or activate STS for this region in IAM",
        cause: error,
      });
    default:
      return otherAwsError(error, { what, service: "STS", endpointVariable: "" }, common.facts);
  }
}

function describeCall(call: FailedStsCall): string {
  switch (call.operation) {
    case "GetSessionToken":
      return `GetSessionToken for profile "${call.profile}"`;
    case "GetCallerIdentity":
    case "GetFederationToken":
      return `${call.operation} for profile "${call.profile}"`;
    case "AssumeRole":
    case "AssumeRoleWithWebIdentity":
      return `${call.operation} into ${call.roleArn ?? "the role"} (profile "${call.profile}")`;
  }
}

function badCredentials(error: unknown, call: FailedStsCall, what: string, code: string): AppError {
  if (call.temporaryCredentials) {
    return new AuthError(
      `${what} failed: the session it was signed with is no longer valid (${code})`,
      {
        hint: `Drop the cached sessions with \`awsafe clear ${call.profile}\` and try again`,
        cause: error,
      },
    );
  }
  return new AuthError(
    `${what} failed: AWS does not accept the access key (${code}): it was deleted, deactivated or mistyped`,
    {
      hint: `Store a valid key with \`awsafe add ${call.profile} --force\``,
      cause: error,
    },
  );
}

function accessDenied(
  error: unknown,
  call: FailedStsCall,
  what: string,
  message: string,
): AppError {
  if (/one time pass code/i.test(message) && call.mfaSerial !== undefined) {
    return new MfaCodeRejectedError(`${what} failed: AWS refused the MFA code`, call.mfaSerial, {
      hint: "Enter the code the device shows now; each code works only once, so wait for the next one if you just used it",
      cause: error,
    });
  }
  if (/MultiFactorAuthentication failed/i.test(message)) {
    return new AuthError(
      `${what} failed: AWS could not validate the MFA code for ${call.mfaSerial ?? "the device"}`,
      {
        hint: `Check that mfa_serial of profile "${call.profile}" is the ARN of this user's MFA device, and that the device's clock is right`,
        cause: error,
      },
    );
  }
  if (call.operation === "AssumeRole") {
    return new AuthError(`${what} was denied: ${message}`, {
      hint:
        call.mfaSerial === undefined
          ? "The role's trust policy must allow this caller; if it requires MFA, set mfa_serial in the role profile"
          : "The role's trust policy must allow this caller (with MFA) and the caller's policy must allow sts:AssumeRole on the role",
      cause: error,
    });
  }
  return new AccessDeniedError(`${what} was denied: ${message}`, {
    hint: "The IAM policies of this user deny the call; check them in the IAM console",
    cause: error,
  });
}
