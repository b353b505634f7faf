import type { Socket } from "node:net";

/** The longest message either side accepts: far more than any request or answer needs. */
export const maxMessageBytes = 1024 * 1024;

/**
 * Calls `listener` with each newline-terminated line `socket` receives, and `tooLong` (once, after
 * which nothing more is read) when a line grows past `maxBytes` without its newline: a flood must
 * not grow the process until it dies. Written out rather than taken from node:readline, which is a
 * measurable part of every `credential_process` call's start-up, and which in the single
 * executable turns a peer's early hang-up into an uncaught error.
 */
export function readLines(
  socket: Socket,
  listener: (line: string) => void,
  tooLong: () => void,
  maxBytes = maxMessageBytes,
): void {
  let pending = "";
  let stopped = false;
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    if (stopped) return;
    pending += chunk;
    let end = pending.indexOf("\n");
    while (end !== -1) {
      listener(pending.slice(0, end));
      pending = pending.slice(end + 1);
      end = pending.indexOf("\n");
    }
    // Characters, not bytes: UTF-8 takes at least as many bytes, so this never lets more through.
    if (pending.length > maxBytes) {
      stopped = true;
      pending = "";
      tooLong();
    }
  });
}
