/**
 * One client connection to the agent, whichever way it was made (pipe-connection.ts on Node,
 * net-connection.ts elsewhere): text goes out as written, and what comes in is handed on as
 * newline-terminated lines.
 */
export interface AgentConnection {
  /** Sends `text` (whole messages, each ending in a newline). */
  write(text: string): void;
  /**
   * Calls `listener` with each line received, and `tooLong` (once, after which nothing more is
   * read) when a line grows past `maxMessageBytes` without its newline.
   */
  onLines(listener: (line: string) => void, tooLong: () => void): void;
  /** Calls `listener` once the connection has closed, by either side or on an error. */
  onClose(listener: () => void): void;
  /** Ends the conversation once what was written has gone out. */
  end(): void;
  /** Closes at once. */
  destroy(): void;
}

/** The longest message either side accepts: far more than any request or answer needs. */
export const maxMessageBytes = 1024 * 1024;

/**
 * A function to feed received text to, chunk by chunk, that calls `listener` with each whole
 * line and `tooLong` (once, after which it ignores what comes) when a line grows past `maxBytes`
 * without its newline: a flood must not grow the process until it dies.
 */
export function lineSplitter(
  listener: (line: string) => void,
  tooLong: () => void,
  maxBytes = maxMessageBytes,
): (chunk: string) => void {
  let pending = "";
  let stopped = false;
  return (chunk) => {
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
  };
}
