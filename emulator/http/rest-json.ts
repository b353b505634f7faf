import { AwsError } from "./aws-error.js";
import { jsonResponse } from "./responses.js";
import type { EmulatorRequest, EmulatorResponse } from "./types.js";
import { JsonReader, parseJsonStrict } from "../seed/json-reader.js";

/**
 * A restJson error: the SDKs take the code from `x-amzn-ErrorType`. SSO-OIDC errors carry OAuth's
 * `error` / `error_description` body; the SSO portal's a `message`.
 */
export function restJsonError(error: AwsError, style: "oauth" | "message"): EmulatorResponse {
  const body =
    style === "oauth"
      ? { error: oauthCode(error.code), error_description: error.message }
      : { message: error.message };
  return jsonResponse(error.status, body, { "x-amzn-errortype": error.code });
}

/** Reads a restJson request body (empty = `{}`); InvalidRequestException when it is not JSON. */
export function jsonBody(request: EmulatorRequest): JsonReader {
  const text = request.body.toString("utf8");
  try {
    return new JsonReader(text === "" ? {} : parseJsonStrict(text, "body"), "body");
  } catch {
    throw new AwsError("InvalidRequestException", "Request body is not valid JSON", 400);
  }
}

/** Reads a required string field; InvalidRequestException naming it otherwise. */
export function requiredField(body: JsonReader, name: string): string {
  const field = body.field(name);
  if (field.absent)
    throw new AwsError("InvalidRequestException", `Missing required parameter ${name}`, 400);
  try {
    return field.string();
  } catch {
    throw new AwsError("InvalidRequestException", `${name} must be a string`, 400);
  }
}

// `AuthorizationPendingException` → `authorization_pending`, as the OIDC service spells `error`.
function oauthCode(code: string): string {
  return code
    .replace(/Exception$/, "")
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
}
