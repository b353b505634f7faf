import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StoreError } from "../errors.js";
import { tokenMatcher } from "./endpoint-token.js";

/** What {@link startOneTimeRedirect} serves. */
export interface OneTimeRedirectOptions {
  /** Where the one GET is sent (a secret: the console login URL). */
  readonly location: string;
  /** How long the address stays usable (default 60 s). */
  readonly timeoutMs?: number;
}

/** A listening one-time address. */
export interface OneTimeRedirect {
  /** `http://127.0.0.1:<port>/<43 random characters>`: what the browser is given. */
  readonly url: string;
  /**
   * `used` once the redirect was answered, `expired` when no browser came in time. Either way
   * the server no longer listens.
   */
  readonly outcome: Promise<"used" | "expired">;
  /** Stops listening and closes every connection (idempotent). */
  close(): Promise<void>;
}

const defaultTimeoutMs = 60_000;
const loopback = "127.0.0.1";

/**
 * A loopback address that a browser can be given instead of a console login URL: the login URL
 * is a bearer secret, and a browser's command line can be read by every local user
 * (`/proc/<pid>/cmdline`, `ps`). The address is `127.0.0.1:<ephemeral port>/<32 random bytes>`;
 * the first GET of exactly that path with a `Host` of exactly that address is answered with a
 * `303` to `location` (`Cache-Control: no-store`, `Referrer-Policy: no-referrer`), and then the
 * server stops listening. Every other request — another path (compared in constant time),
 * another `Host` (a DNS-rebinding page), another method, the second GET — is refused without
 * the location. After `timeoutMs` it stops unused.
 *
 * @throws StoreError when no loopback port can be listened on.
 */
export async function startOneTimeRedirect(
  options: OneTimeRedirectOptions,
): Promise<OneTimeRedirect> {
  const secretPath = `/${randomBytes(32).toString("base64url")}`;
  const pathMatches = tokenMatcher(secretPath);
  let used = false;
  let settle: (outcome: "used" | "expired") => void = () => undefined;
  const outcome = new Promise<"used" | "expired">((resolve) => {
    settle = resolve;
  });
  let port = 0;
  const server = createServer((request, response) => {
    const refusal = refuse(request, `${loopback}:${port}`, pathMatches, used);
    if (refusal !== undefined) {
      answer(response, refusal.status, refusal.text);
      return;
    }
    used = true;
    response.writeHead(303, {
      location: options.location,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "content-length": "0",
      connection: "close",
    });
    response.end(() => {
      void close().then(() => {
        settle("used");
      });
    });
  });
  const close = async (): Promise<void> => {
    clearTimeout(timer);
    if (!server.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });
  };
  const timer = setTimeout(() => {
    void close().then(() => {
      settle("expired");
    });
  }, options.timeoutMs ?? defaultTimeoutMs);
  timer.unref();
  try {
    port = await listen(server);
  } catch (error) {
    clearTimeout(timer);
    throw new StoreError("Cannot listen on a loopback port for the browser to open", {
      hint: "Use --stdout to print the login URL instead",
      cause: error,
    });
  }
  return {
    url: `http://${loopback}:${port}${secretPath}`,
    outcome,
    close: async () => {
      await close();
      settle(used ? "used" : "expired");
    },
  };
}

interface Refused {
  readonly status: number;
  readonly text: string;
}

function refuse(
  request: IncomingMessage,
  host: string,
  pathMatches: (given: string | undefined) => boolean,
  used: boolean,
): Refused | undefined {
  if (request.headers.host?.toLowerCase() !== host) {
    return { status: 403, text: "This address answers only as itself." };
  }
  if (request.method !== "GET") return { status: 405, text: "Only GET." };
  if (!pathMatches(request.url)) return { status: 404, text: "Not found." };
  if (used) return { status: 410, text: "This address has been used." };
  return undefined;
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    connection: "close",
  });
  response.end(`${text}\n`);
}

function listen(server: ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, loopback, () => {
      server.off("error", reject);
      const address: AddressInfo | string | null = server.address();
      if (address === null || typeof address === "string") reject(new Error("not on TCP"));
      else resolve(address.port);
    });
  });
}
