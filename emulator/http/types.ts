import type { IncomingHttpHeaders } from "node:http";

/** One HTTP request as the emulator's handlers see it: fully read, URL parsed. */
export interface EmulatorRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly requestId: string;
}

/** What a handler answers; the server adds the request id and `Date` headers. */
export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}
