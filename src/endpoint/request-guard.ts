import type { IncomingMessage } from "node:http";

/** Why a request is refused before it reaches a route. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Close the connection after answering (the request may carry a body left unread). */
  readonly close?: boolean;
}

/**
 * Checks every request before routing:
 * - `Host` must name the address served (`127.0.0.1:<port>` or `localhost:<port>`): a page on
 *   a DNS-rebound name (`evil.example` resolving to 127.0.0.1) sends its own name, which is how
 *   web pages read aws-vault's endpoint (aws-vault issue 578). `localhost` cannot be rebound
 *   by a web page, and the JS SDK's `fromContainerMetadata` allows it.
 * - Browsers send `Origin` on cross-origin requests and `Sec-Fetch-*` (a `Sec-` name no script
 *   may set) on all of them; no SDK sends either, so both mark a web page, refused whatever it
 *   asks. CORS preflights carry `Origin` too, and no answer ever allows an origin.
 * - No route takes a body; one is refused rather than read.
 */
export function requestGuard(port: number): (request: IncomingMessage) => Refusal | undefined {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // An HTTP client leaves the port out of Host when it is the scheme's default.
  if (port === 80) hosts.add("127.0.0.1").add("localhost");
  return (request) => {
    const { headers } = request;
    if (headers.host === undefined || !hosts.has(headers.host.toLowerCase())) return wrongHost;
    if (headers.origin !== undefined || hasFetchMetadata(request)) return fromBrowser;
    const length = headers["content-length"];
    if (headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0")) {
      return withBody;
    }
    return undefined;
  };
}

const wrongHost: Refusal = {
  status: 403,
  code: "AccessDenied",
  message: "the Host header does not name this endpoint's loopback address and port",
};
const fromBrowser: Refusal = {
  status: 403,
  code: "AccessDenied",
  message: "requests from web browsers are refused",
};
const withBody: Refusal = {
  status: 413,
  code: "PayloadTooLarge",
  message: "this endpoint takes no request body",
  close: true,
};

function hasFetchMetadata(request: IncomingMessage): boolean {
  // rawHeaders alternates names and values; this runs before any route, so it stays a loop.
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name !== undefined && name.length > 4 && name.slice(0, 4).toLowerCase() === "sec-") {
      return true;
    }
  }
  return false;
}
