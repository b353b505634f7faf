import { SSOOIDCServiceException } from "@aws-sdk/client-sso-oidc";
import { describe, expect, it } from "vitest";
import { type AppError, AuthError, ConfigError } from "../errors.js";
import { AwsUnavailableError } from "../ports/aws/aws-errors.js";
import { type FailedSsoOidcCall, mapSsoOidcError } from "./map-sso-oidc-error.js";

const context = { region: "eu-west-1", startUrl: "https://d-1.awsapps.com/start" };
const refresh: FailedSsoOidcCall = { operation: "CreateToken", context, grant: "refresh_token" };
const device: FailedSsoOidcCall = { operation: "CreateToken", context, grant: "device_code" };
const register: FailedSsoOidcCall = { operation: "RegisterClient", context };

function sdkError(name: string, status: number): SSOOIDCServiceException {
  return new SSOOIDCServiceException({
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
    message: `${name} from the service`,
  });
}

// Codes the emulator does not produce; the emulator tests cover the others end to end.
describe("mapSsoOidcError", () => {
  it.each([
    ["AccessDeniedException", 400, device, AuthError, /the sign-in request was denied/],
    ["ExpiredTokenException", 400, device, AuthError, /expired before it was approved/],
    ["ExpiredTokenException", 400, refresh, AuthError, /sign-in has expired/],
    ["InvalidGrantException", 400, refresh, AuthError, /can no longer be renewed/],
    ["UnauthorizedClientException", 400, refresh, AuthError, /not allowed this kind of sign-in/],
    ["InvalidScopeException", 400, register, ConfigError, /refused the requested scopes/],
    ["InvalidRequestRegionException", 400, register, ConfigError, /not in region eu-west-1/],
    ["SlowDownException", 400, register, AwsUnavailableError, /kept answering SlowDownException/],
    ["InternalServerException", 500, device, AwsUnavailableError, /HTTP 500/],
    ["InvalidRedirectUriException", 400, register, AuthError, /InvalidRedirectUriException/],
  ])("%s (HTTP %i) → %o", (code, status, call, type, message) => {
    const error = mapSsoOidcError(sdkError(code, status), call);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(message);
    expect(error.message).toContain("https://d-1.awsapps.com/start");
  });

  it("keeps an AppError thrown inside the call", () => {
    const own = new ConfigError("own");
    expect(mapSsoOidcError(own, register)).toBe(own);
  });

  it("sends every sign-in refusal to `awsafe sso login`", () => {
    for (const code of [
      "InvalidGrantException",
      "InvalidClientException",
      "ExpiredTokenException",
    ]) {
      const error: AppError = mapSsoOidcError(sdkError(code, 400), refresh);
      expect(error.hint).toContain("awsafe sso login");
    }
  });
});
