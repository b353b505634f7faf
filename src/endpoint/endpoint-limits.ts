/**
 * How much a client may take of the endpoint. Every request is a few hundred bytes of headers
 * and no body, answered at once, so the limits are tight: a slow or hostile local client is cut
 * off in seconds and cannot hold more than `maxConnections` sockets, nor the share kept for the
 * clients that have shown a token (`connection-slots.ts`).
 */
export interface EndpointLimits {
  /** Request line and headers together (`maxHeaderSize`); more is answered 431. */
  readonly maxHeaderBytes: number;
  /** Time to receive the headers (`headersTimeout`); a slower client gets 408 and is closed. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request (`requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** Idle time of a kept-alive connection between requests (`keepAliveTimeout`). */
  readonly keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above (`connectionsCheckingInterval`). */
  readonly checkIntervalMs: number;
  /** Requests on one kept-alive connection (`maxRequestsPerSocket`). */
  readonly maxRequestsPerSocket: number;
  /**
   * Open connections at once. Past it, or past the strangers' share, a new connection closes the
   * oldest one that has not shown a token; it is dropped only when every slot is a client's.
   */
  readonly maxConnections: number;
  /** Connections only clients that showed a token may hold, whatever strangers do. */
  readonly reservedForClients: number;
  /** How long a request waits for a refresh before it is answered 503. */
  readonly refreshWaitMs: number;
}

/** The limits `awsafe serve` and `exec --server` run with. */
export const defaultLimits: EndpointLimits = {
  maxHeaderBytes: 8 * 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxRequestsPerSocket: 10_000,
  maxConnections: 256,
  reservedForClients: 32,
  refreshWaitMs: 30_000,
};
