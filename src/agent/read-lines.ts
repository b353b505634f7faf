import type { Socket } from "node:net";
import { lineSplitter, maxMessageBytes } from "./agent-connection.js";

/**
 * Calls `listener` with each newline-terminated line `socket` receives, and `tooLong` (once, after
 * which nothing more is read) when a line grows past `maxBytes` without its newline. Written out
 * rather than taken from node:readline, which in the single executable turns a peer's early
 * hang-up into an uncaught error.
 */
export function readLines(
  socket: Socket,
  listener: (line: string) => void,
  tooLong: () => void,
  maxBytes = maxMessageBytes,
): void {
  socket.setEncoding("utf8");
  socket.on("data", lineSplitter(listener, tooLong, maxBytes));
}
