import { IAMServiceException } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { AuthError, ConfigError } from "../errors.js";
import { AwsUnavailableError } from "../ports/aws/aws-errors.js";
import { type FailedIamCall, mapIamError } from "./map-iam-error.js";

const call: FailedIamCall = {
  operation: "UpdateAccessKey",
  profile: "practice",
  userName: "alice",
  accessKeyId: "AKIAEXAMPLEKEY0WXYZ",
  temporaryCredentials: true,
};

function sdkError(name: string, status: number, message = `${name} from IAM`) {
  return new IAMServiceException({
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
    message,
  });
}

// Codes and spellings the emulator does not produce; the emulator tests cover the others.
describe("mapIamError", () => {
  it.each([
    ["ExpiredToken", 403, "", AuthError, /session it was signed with has expired/],
    ["SignatureDoesNotMatch", 403, "Signature expired: 2020", AuthError, /clock is off/],
    ["SignatureDoesNotMatch", 403, "", AuthError, /does not accept the session/],
    ["NoSuchEntity", 404, "The user with name alice cannot be found.", ConfigError, /alice/],
    ["InvalidInputException", 400, "bad input", ConfigError, /bad input/],
    ["ServiceFailureException", 500, "", AwsUnavailableError, /HTTP 500/],
    ["LimitExceededException", 409, "", AuthError, /LimitExceededException/],
  ])("%s (HTTP %i) → %o", (code, status, message, type, expected) => {
    const error = mapIamError(sdkError(code, status, message || undefined), call);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(expected);
  });

  it("names the user and only the last four characters of the key", () => {
    const error = mapIamError(sdkError("AccessDenied", 403), call);
    expect(error.message).toContain('UpdateAccessKey of key ****WXYZ for user "alice"');
    expect(error.message).not.toContain("AKIAEXAMPLEKEY0WXYZ");
  });
});
