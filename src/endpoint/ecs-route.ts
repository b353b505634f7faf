import type { IncomingMessage, ServerResponse } from "node:http";
import type { CredentialCache } from "./credential-cache.js";
import { sendJsonError } from "./json-error.js";
import { sendCredentials, type BodyOf } from "./send-credentials.js";

/** The path of `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
export const ecsPath = "/credentials";

const ecsBody: BodyOf = (serving) => serving.ecsBody;

/**
 * `GET /credentials` with `Authorization: <token>` (raw, no scheme, as every SDK sends it):
 * the container-provider JSON. Other methods 405; a missing or wrong token 403.
 */
export function ecsRoute(deps: {
  readonly tokenMatches: (given: string | undefined) => boolean;
  /** Told of a request that showed the token: its connection keeps its slot in a flood. */
  readonly trust: (request: IncomingMessage) => void;
  readonly cache: CredentialCache;
  readonly waitMs: number;
}): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    if (request.method !== "GET") {
      sendJsonError(response, 405, "MethodNotAllowed", "only GET is served here", {
        Allow: "GET",
      });
    } else if (!deps.tokenMatches(request.headers.authorization)) {
      sendJsonError(response, 403, "AccessDenied", "invalid or missing Authorization token");
    } else {
      deps.trust(request);
      sendCredentials(response, deps.cache, ecsBody, deps.waitMs);
    }
  };
}
