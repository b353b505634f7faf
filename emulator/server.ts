import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { EmulatorClock } from "./clock.js";
import { CallStats } from "./control/call-stats.js";
import { CONTROL_PREFIX, handleControl } from "./control/control-api.js";
import { FaultTable } from "./control/fault-table.js";
import { NewKeyDelay } from "./control/new-key-delay.js";
import { PageLimit } from "./control/page-limit.js";
import { RateLimit } from "./control/rate-limit.js";
import { readBody } from "./http/read-body.js";
import { jsonResponse } from "./http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "./http/types.js";
import { routeQuery } from "./query-router.js";
import type { RoutedCall } from "./routed-call.js";
import { buildWorld } from "./seed/build-world.js";
import { defaultSeed } from "./seed/default-seed.js";
import { describeSeed, type SeedDescription } from "./seed/describe-seed.js";
import type { Seed } from "./seed/seed-types.js";
import { routeSignin } from "./signin/signin-router.js";
import { routeSso } from "./sso/sso-router.js";
import { SsoRuntime } from "./sso/sso-runtime.js";
import type { EmulatorState } from "./state.js";

/** Options of {@link start}. */
export interface StartOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** What to serve; the default seed of issue 3 when absent. */
  readonly seed?: Seed;
  /** Where unexpected (non-AWS) errors are reported; silent by default. */
  readonly onInternalError?: (error: unknown) => void;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` — give it to the SDKs as `endpoint` / `AWS_ENDPOINT_URL`. */
  readonly url: string;
  /** The seeded state with its generated keys and TOTP secrets. */
  readonly seed: SeedDescription;
  /** Live state, for in-process tests. */
  readonly state: EmulatorState;
  /** Closes the server and its connections. */
  readonly stop: () => Promise<void>;
}

/** Starts the emulator on 127.0.0.1 (never another interface). */
export async function start(options: StartOptions = {}): Promise<RunningEmulator> {
  const clock = new EmulatorClock();
  const seeded = buildWorld(options.seed ?? defaultSeed(), clock);
  const state: EmulatorState = {
    clock,
    ...seeded,
    ssoRuntime: new SsoRuntime(),
    faults: new FaultTable(),
    stats: new CallStats(),
    pageLimit: new PageLimit(),
    rateLimit: new RateLimit(),
    newKeyDelay: new NewKeyDelay(),
    signinTokens: new Map(),
    consoleSessions: new Map(),
  };
  const onError = options.onInternalError ?? ignoreError;
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "emulator internal error" }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      resolve();
    });
  });
  const url = `http://127.0.0.1:${portOf(server.address())}`;
  return {
    url,
    seed: describeSeed(state, url),
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function handle(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const request: EmulatorRequest = {
    method: req.method ?? "GET",
    url: new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`),
    headers: req.headers,
    body: await readBody(req),
    requestId: randomUUID(),
  };
  const response = await respond(state, request);
  res.writeHead(response.status, {
    ...response.headers,
    "x-amzn-requestid": request.requestId,
    // The SDKs correct their clock skew from this header, so it must be the emulator's time.
    date: state.clock.now().toUTCString(),
  });
  res.end(response.body);
}

async function respond(state: EmulatorState, request: EmulatorRequest): Promise<EmulatorResponse> {
  if (request.url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(state, request);
  const call = route(state, request);
  if (call === undefined) {
    return jsonResponse(404, {
      message: `no emulated operation at ${request.method} ${request.url.pathname}`,
    });
  }
  state.stats.record(call.operation, call.accessKeyId);
  state.stats.flight(call.operation, 1);
  try {
    const outcome = state.faults.take(call.operation);
    if (outcome.latencyMs > 0) await delay(outcome.latencyMs);
    if (outcome.failure === "lost-reply") {
      // AWS did the work; its answer is lost on the way back.
      await call.run();
      return call.fail("error");
    }
    if (outcome.failure !== undefined) return call.fail(outcome.failure);
    if (!state.rateLimit.allow(call.operation, state.clock.nowMs())) return call.fail("throttle");
    return await call.run();
  } finally {
    state.stats.flight(call.operation, -1);
  }
}

function route(state: EmulatorState, request: EmulatorRequest): RoutedCall | undefined {
  return routeQuery(state, request) ?? routeSso(state, request) ?? routeSignin(state, request);
}

function portOf(address: AddressInfo | string | null): number {
  if (address === null || typeof address === "string")
    throw new Error("emulator: not listening on TCP");
  return address.port;
}

function ignoreError(): void {
  // in-process use: the 500 answer is the report
}
