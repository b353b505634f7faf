import { AwsError } from "../http/aws-error.js";

/** SSO-OIDC error constructors (codes and statuses of the sso-oidc model). */
export const OidcError = {
  invalidClient: (message = "Invalid client credentials") =>
    new AwsError("InvalidClientException", message, 401),
  invalidGrant: (message = "Invalid grant provided") =>
    new AwsError("InvalidGrantException", message, 400),
  invalidRequest: (message: string) => new AwsError("InvalidRequestException", message, 400),
  pending: () =>
    new AwsError("AuthorizationPendingException", "Authorization is still pending", 400),
  expired: () => new AwsError("ExpiredTokenException", "Device code has expired", 400),
  unsupportedGrant: (grant: string) =>
    new AwsError("UnsupportedGrantTypeException", `Unsupported grant type: ${grant}`, 400),
} as const;
