import { connect, type Socket } from "node:net";

/** An HTTP answer as read off the socket. */
export interface RawAnswer {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Sends `head` (request line and headers, without the blank line) to 127.0.0.1:`port` exactly
 * as written — any Host, any method, no client fixing things up — and reads the answer until
 * the server closes the connection (the request asks it to).
 */
export function rawRequest(port: number, head: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      resolve(parseAnswer(Buffer.concat(chunks).toString("latin1")));
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  });
}

/** A GET of `path` with the headers given (Host is not added: give it). */
export function get(port: number, path: string, headers: Record<string, string>) {
  return rawRequest(port, [`GET ${path} HTTP/1.1`, ...headerLines(headers)].join("\r\n"));
}

/** A request of any method. */
export function send(port: number, method: string, path: string, headers: Record<string, string>) {
  return rawRequest(port, [`${method} ${path} HTTP/1.1`, ...headerLines(headers)].join("\r\n"));
}

/** Opens a connection and leaves it to the caller (for slow-client tests). */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      resolve(socket);
    });
    socket.on("error", reject);
  });
}

/** Resolves with everything the server sent once it closes `socket`. */
export function closedBy(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      resolve(Buffer.concat(chunks).toString("latin1"));
    });
  });
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = text.slice(0, end === -1 ? text.length : end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(" ")[1] ?? 0),
    headers,
    body: end === -1 ? "" : text.slice(end + 4),
  };
}
