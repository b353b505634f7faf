import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { StoreError } from "../errors.js";
import { shareConnections, type ConnectionSlots } from "./connection-slots.js";
import type { CredentialCache } from "./credential-cache.js";
import { ecsPath, ecsRoute } from "./ecs-route.js";
import { defaultLimits, type EndpointLimits } from "./endpoint-limits.js";
import { tokenMatcher } from "./endpoint-token.js";
import { createImdsTokens } from "./imds-tokens.js";
import { imdsRoutes } from "./imds-routes.js";
import { sendJsonError } from "./json-error.js";
import { requestGuard, type Refusal } from "./request-guard.js";

/** What to serve and how. */
export interface EndpointOptions {
  readonly cache: CredentialCache;
  /** `AWS_CONTAINER_AUTHORIZATION_TOKEN`. */
  readonly token: string;
  /** 0 (the default) takes a free port. */
  readonly port?: number | undefined;
  /** Also serve the IMDSv2 flow under `/latest/`. */
  readonly ec2?: boolean | undefined;
  readonly roleName: string;
  readonly region: string | undefined;
  /** Epoch milliseconds, for IMDS token lifetimes. */
  readonly now: () => number;
  /** Told about refused requests (method, path, status; never a header value). */
  readonly log?: ((line: string) => void) | undefined;
  readonly limits?: Partial<EndpointLimits> | undefined;
}

/** A listening endpoint. */
export interface RunningEndpoint {
  readonly port: number;
  /** For `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
  readonly credentialsUrl: string;
  /** For `AWS_EC2_METADATA_SERVICE_ENDPOINT` (with `ec2`), ending in `/` as botocore needs. */
  readonly imdsUrl: string | undefined;
  /** Stops listening and closes every connection. */
  stop(): Promise<void>;
}

/** The only address served: never a LAN interface, never IPv6 "any". */
const loopback = "127.0.0.1";

/** What is served, once the port is taken. */
export type ServeOptions = Omit<EndpointOptions, "port" | "limits">;

/**
 * A port taken on `127.0.0.1` that serves nothing yet: a request is answered 503 until
 * {@link BoundEndpoint.serve} is called.
 */
export interface BoundEndpoint {
  readonly port: number;
  /** Serves `options` on the port taken (once). */
  serve(options: ServeOptions): RunningEndpoint;
  /** Stops listening and closes every connection. */
  stop(): Promise<void>;
}

/**
 * Starts the credential endpoint on `127.0.0.1` (see `request-guard.ts` for what every request
 * must pass, `ecs-route.ts` and `imds-routes.ts` for what is served).
 *
 * @throws StoreError when the port cannot be listened on (in use, or privileged).
 */
export async function startEndpoint(options: EndpointOptions): Promise<RunningEndpoint> {
  return (await bindEndpoint(options)).serve(options);
}

/**
 * Takes the port first, so a port in use fails a command before it fetches credentials (and
 * perhaps asks for an MFA code) to serve on it.
 *
 * @throws StoreError when the port cannot be listened on (in use, or privileged).
 */
export async function bindEndpoint(options: {
  readonly port?: number | undefined;
  readonly limits?: Partial<EndpointLimits> | undefined;
}): Promise<BoundEndpoint> {
  const limits = { ...defaultLimits, ...options.limits };
  const server = createServer({
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  });
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  // Not `server.maxConnections`: it refuses newcomers, the real client among them, while a
  // flood holds every slot. The slots close the oldest stranger instead.
  const slots = shareConnections(server, limits);
  const port = await listen(server, options.port ?? 0);
  let serving: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (serving !== undefined) serving(request, response);
    else sendJsonError(response, 503, "NotReady", "the endpoint is starting");
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });
  return {
    port,
    serve: (served) => {
      serving = handler(served, limits, port, slots);
      const base = `http://${loopback}:${port}`;
      return {
        port,
        credentialsUrl: `${base}${ecsPath}`,
        imdsUrl: served.ec2 === true ? `${base}/` : undefined,
        stop,
      };
    },
    stop,
  };
}

function handler(
  options: ServeOptions,
  limits: EndpointLimits,
  port: number,
  slots: ConnectionSlots,
): (request: IncomingMessage, response: ServerResponse) => void {
  const guard = requestGuard(port);
  const trust = (request: IncomingMessage) => {
    slots.trust(request.socket);
  };
  const ecs = ecsRoute({
    tokenMatches: tokenMatcher(options.token),
    trust,
    cache: options.cache,
    waitMs: limits.refreshWaitMs,
  });
  const imds =
    options.ec2 === true
      ? imdsRoutes({
          tokens: createImdsTokens(options.now),
          trust,
          cache: options.cache,
          roleName: options.roleName,
          region: options.region,
          waitMs: limits.refreshWaitMs,
        })
      : undefined;
  const log = options.log;
  return (request, response) => {
    const refusal = guard(request);
    const path = pathOf(request.url);
    if (refusal !== undefined) refuse(response, refusal);
    else if (path === ecsPath) ecs(request, response);
    else if (imds === undefined || !imds(request, response, path)) {
      sendJsonError(response, 404, "NotFound", "no such route");
    }
    if (log !== undefined && response.statusCode >= 400) {
      log(`refused ${printable(request.method)} ${loggedPath(path)}: ${response.statusCode}`);
    }
  };
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  sendJsonError(
    response,
    refusal.status,
    refusal.code,
    refusal.message,
    refusal.close === true ? { Connection: "close" } : {},
  );
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return "";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/** What a log line may show of the method a client chose: short, printable ASCII. */
function printable(text: string | undefined): string {
  return (text ?? "").slice(0, 16).replace(/[^\x21-\x7e]/g, "?");
}

/** Paths logged as they are; any other is client-chosen text (it could hold a token) and is not. */
const loggedPaths = new Set([
  ecsPath,
  "/latest/api/token",
  "/latest/meta-data/iam/security-credentials/",
]);

function loggedPath(path: string): string {
  return loggedPaths.has(path) ? path : "(another path)";
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new StoreError(`Cannot listen on ${loopback}:${port}: ${error.code ?? error.message}`, {
          hint: "Choose another --port, or leave it out to take a free one",
          cause: error,
        }),
      );
    });
    server.listen({ host: loopback, port, exclusive: true }, () => {
      const address = server.address();
      // A TCP listen always has an AddressInfo; a string would be a pipe path.
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}
