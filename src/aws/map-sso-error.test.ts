import { SSOServiceException } from "@aws-sdk/client-sso";
import { describe, expect, it } from "vitest";
import { AuthError, ConfigError } from "../errors.js";
import { mapSsoError } from "./map-sso-error.js";

const context = { region: "us-east-1", startUrl: "https://d-1.awsapps.com/start", profile: "dev" };
const role = { accountId: "111111111111", roleName: "Admin" };

function sdkError(name: string, status: number) {
  return new SSOServiceException({
    name,
    $fault: "client",
    $metadata: { httpStatusCode: status },
    message: `${name} from the portal`,
  });
}

// Codes the emulator does not produce; the emulator tests cover the others.
describe("mapSsoError", () => {
  it("names the account and role on AccessDeniedException", () => {
    const error = mapSsoError(sdkError("AccessDeniedException", 403), {
      operation: "GetRoleCredentials",
      context,
      role,
    });
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('no access to role "Admin" in account 111111111111');
  });

  it("names the account and role on ResourceNotFoundException of GetRoleCredentials", () => {
    const error = mapSsoError(sdkError("ResourceNotFoundException", 404), {
      operation: "GetRoleCredentials",
      context,
      role,
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('account 111111111111 or its role "Admin"');
  });

  it("quotes InvalidRequestException as a ConfigError", () => {
    const error = mapSsoError(sdkError("InvalidRequestException", 400), {
      operation: "ListAccounts",
      context,
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain("InvalidRequestException from the portal");
  });
});
