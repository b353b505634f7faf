import type { IncomingMessage, ServerResponse } from "node:http";
import type { CredentialCache } from "./credential-cache.js";
import type { ImdsTokens } from "./imds-tokens.js";
import { sendJsonError } from "./json-error.js";
import { sendCredentials, type BodyOf } from "./send-credentials.js";

/** Everything the IMDS routes answer from. */
export interface ImdsDeps {
  readonly tokens: ImdsTokens;
  /** Told of a request that showed a valid session token: its connection keeps its slot. */
  readonly trust: (request: IncomingMessage) => void;
  readonly cache: CredentialCache;
  /** The name listed under `iam/security-credentials/`. */
  readonly roleName: string;
  readonly region: string | undefined;
  readonly waitMs: number;
}

const tokenPath = "/latest/api/token";
const credentialsPath = "/latest/meta-data/iam/security-credentials";
/** IMDS allows a token to live at most 6 hours. */
const maxTtlSeconds = 21_600;
const imdsBody: BodyOf = (serving) => serving.imdsBody;

/**
 * The IMDSv2 flow, v2 only: `PUT /latest/api/token` (TTL header required, refused when
 * `X-Forwarded-For` shows a proxy, as EC2 does), then token-gated GETs of
 * `meta-data/iam/security-credentials/[<role>]` and the region (botocore derives it from
 * `placement/availability-zone`). A GET without a valid token is 401, as on an instance that
 * requires IMDSv2, so nothing is served to a request a page or a proxy could forge.
 * Returns false for paths outside `/latest/`.
 */
export function imdsRoutes(
  deps: ImdsDeps,
): (request: IncomingMessage, response: ServerResponse, path: string) => boolean {
  return (request, response, path) => {
    if (!path.startsWith("/latest/")) return false;
    if (path === tokenPath) issueToken(deps, request, response);
    else if (request.method !== "GET") {
      sendJsonError(response, 405, "MethodNotAllowed", "only GET is served here", {
        Allow: "GET",
      });
    } else if (!deps.tokens.valid(single(request.headers["x-aws-ec2-metadata-token"]))) {
      sendJsonError(response, 401, "Unauthorized", "a valid IMDSv2 session token is required");
    } else {
      deps.trust(request);
      answerMetadata(deps, response, path.endsWith("/") ? path.slice(0, -1) : path);
    }
    return true;
  };
}

function issueToken(deps: ImdsDeps, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== "PUT") {
    sendJsonError(response, 405, "MethodNotAllowed", "only PUT is served here", { Allow: "PUT" });
    return;
  }
  if (request.headers["x-forwarded-for"] !== undefined) {
    sendJsonError(response, 403, "AccessDenied", "token requests through a proxy are refused");
    return;
  }
  const ttl = ttlSeconds(request.headers["x-aws-ec2-metadata-token-ttl-seconds"]);
  if (ttl === undefined) {
    sendJsonError(
      response,
      400,
      "InvalidTtl",
      `X-aws-ec2-metadata-token-ttl-seconds must be a whole number from 1 to ${maxTtlSeconds}`,
    );
    return;
  }
  const token = deps.tokens.issue(ttl);
  response.writeHead(200, {
    "Content-Type": "text/plain",
    "Content-Length": Buffer.byteLength(token),
    "Cache-Control": "no-store",
    "X-aws-ec2-metadata-token-ttl-seconds": String(ttl),
  });
  response.end(token);
}

function answerMetadata(deps: ImdsDeps, response: ServerResponse, path: string): void {
  if (path === credentialsPath) sendText(response, deps.roleName);
  else if (path === `${credentialsPath}/${deps.roleName}`) {
    sendCredentials(response, deps.cache, imdsBody, deps.waitMs);
  } else if (path === "/latest/meta-data/placement/region" && deps.region !== undefined) {
    sendText(response, deps.region);
  } else if (
    path === "/latest/meta-data/placement/availability-zone" &&
    deps.region !== undefined
  ) {
    // botocore drops the zone letter to get the region; the letter itself means nothing here.
    sendText(response, `${deps.region}a`);
  } else sendJsonError(response, 404, "NotFound", "no such metadata");
}

function ttlSeconds(header: string | string[] | undefined): number | undefined {
  const value = single(header);
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds >= 1 && seconds <= maxTtlSeconds ? seconds : undefined;
}

function single(header: string | string[] | undefined): string | undefined {
  return typeof header === "string" ? header : undefined;
}

function sendText(response: ServerResponse, text: string): void {
  response.writeHead(200, {
    "Content-Type": "text/plain",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}
