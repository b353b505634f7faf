import { type AppError, AuthError, ConfigError } from "../errors.js";
import type { TokenGrant } from "../ports/aws/sso-oidc.js";
import type { SsoCallContext } from "../ports/aws/sso.js";
import { type FailedCall, mapCommonAwsError, otherAwsError } from "./map-aws-error.js";

/** The SSO-OIDC operation that failed, and the grant for CreateToken. */
export type FailedSsoOidcCall =
  | {
      readonly operation: "RegisterClient" | "StartDeviceAuthorization";
      readonly context: SsoCallContext;
    }
  | {
      readonly operation: "CreateToken";
      readonly context: SsoCallContext;
      readonly grant: TokenGrant["kind"];
    };

const loginHint = "Sign in again with `awsafe sso login`";

/**
 * Turns whatever the SSO-OIDC client threw into an AppError. CreateToken's
 * `AuthorizationPendingException` and `SlowDownException` for a device grant never get here: they
 * are the polling outcomes the adapter answers with. Tokens, codes and client secrets never
 * appear in a message.
 */
export function mapSsoOidcError(error: unknown, call: FailedSsoOidcCall): AppError {
  const failed: FailedCall = {
    what: describeOidcCall(call),
    service: "IAM Identity Center (SSO-OIDC)",
    endpointVariable: "AWS_ENDPOINT_URL_SSO_OIDC",
  };
  const common = mapCommonAwsError(error, failed);
  if ("mapped" in common) return common.mapped;
  const { what } = failed;
  const auth = (reason: string, hint = loginHint) =>
    new AuthError(`${what} failed: ${reason}`, { hint, cause: error });
  switch (common.facts.code) {
    case "ExpiredTokenException":
      return call.operation === "CreateToken" && call.grant === "device_code"
        ? auth(
            "the sign-in request expired before it was approved",
            "Run `awsafe sso login` again and approve the request in the browser before it expires",
          )
        : auth("the IAM Identity Center sign-in has expired");
    case "InvalidGrantException":
      return auth(invalidGrant(call));
    case "InvalidClientException":
      return auth(
        "IAM Identity Center no longer accepts awsafe's client registration (it expired or was removed)",
        "Sign in again with `awsafe sso login`; it registers a new client",
      );
    case "UnauthorizedClientException":
      return auth("awsafe's client registration is not allowed this kind of sign-in");
    case "AccessDeniedException":
      return auth(
        "the sign-in request was denied",
        "Approve the request in the browser when you sign in again with `awsafe sso login`, or ask the Identity Center administrator for access",
      );
    case "InvalidScopeException":
      return new ConfigError(`${what} failed: IAM Identity Center refused the requested scopes`, {
        hint: "Check sso_registration_scopes of the sso-session (comma-separated, e.g. sso:account:access)",
        cause: error,
      });
    case "InvalidRequestRegionException":
      return new ConfigError(
        `${what} failed: the IAM Identity Center instance is not in region ${call.context.region}`,
        { hint: "Set sso_region of the sso-session to the instance's region", cause: error },
      );
    case "InvalidRequestException":
      return new ConfigError(`${what} was refused: ${common.facts.message}`, {
        hint: "Check sso_start_url and sso_region of the sso-session",
        cause: error,
      });
    default:
      return otherAwsError(error, failed, common.facts);
  }
}

function describeOidcCall(call: FailedSsoOidcCall): string {
  const at = call.context.startUrl === undefined ? "" : ` for ${call.context.startUrl}`;
  const profile = call.context.profile === undefined ? "" : ` (profile "${call.context.profile}")`;
  const operation =
    call.operation === "CreateToken" ? `CreateToken (${call.grant} grant)` : call.operation;
  return `${operation}${at}${profile}`;
}

function invalidGrant(call: FailedSsoOidcCall): string {
  if (call.operation !== "CreateToken") return "IAM Identity Center refused the grant";
  switch (call.grant) {
    case "device_code":
      return "the sign-in request is no longer valid (already used, or unknown)";
    case "authorization_code":
      return "the authorization code was refused (already used, expired, or the PKCE verifier does not match)";
    case "refresh_token":
      return "the IAM Identity Center session can no longer be renewed (the refresh token was revoked or has expired)";
  }
}
