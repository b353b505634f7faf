import type { ServerResponse } from "node:http";

/**
 * Sends an error as JSON `{"Code", "Message"}`, the shape the JS SDK's `fromHttp` reads from a
 * 4xx answer and botocore logs. Messages are fixed texts: nothing from the request is echoed.
 */
export function sendJsonError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = JSON.stringify({ Code: code, Message: message });
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(body);
}
