import { writeSync } from "node:fs";
import type { TextOutput } from "./io.js";

/**
 * Writes to file descriptor `fd` directly. Node builds `process.stdout` and `process.stderr` on
 * first use, a pipe or TTY stream that costs milliseconds to set up; the hot path writes one
 * short JSON document and needs none of that. A descriptor that refuses (a non-blocking pipe
 * that is full: EAGAIN) gets the rest through `stream()`, which queues it.
 */
export function fdOutput(
  fd: number,
  stream: () => { write(chunk: Uint8Array): unknown },
): TextOutput {
  return {
    write(chunk: string) {
      const bytes = Buffer.from(chunk, "utf8");
      let written = 0;
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written);
      } catch (error) {
        if (!(error instanceof Error && "code" in error && error.code === "EAGAIN")) throw error;
        stream().write(bytes.subarray(written));
      }
      return true;
    },
  };
}
