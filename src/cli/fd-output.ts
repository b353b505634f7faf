import { writeSync } from "node:fs";
import type { TextOutput } from "./io.js";

/** A {@link TextOutput} whose `write` says whether all of it reached the descriptor. */
export interface FdOutput extends TextOutput {
  write(chunk: string | Uint8Array): boolean;
}

/**
 * Writes to file descriptor `fd` directly. Node builds `process.stdout` and `process.stderr` on
 * first use, a pipe or TTY stream that costs milliseconds to set up; the hot path writes one
 * short JSON document and needs none of that. A descriptor that refuses (a non-blocking pipe
 * that is full: EAGAIN) gets the rest through `stream()`, which queues it: `write` then returns
 * false (the process must not end before the stream has written it).
 */
export function fdOutput(
  fd: number,
  stream: () => { write(chunk: Uint8Array): unknown },
): FdOutput {
  return {
    write(chunk: string | Uint8Array) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      let written = 0;
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written);
      } catch (error) {
        if (!(error instanceof Error && "code" in error && error.code === "EAGAIN")) throw error;
        stream().write(bytes.subarray(written));
        return false;
      }
      return true;
    },
  };
}
