import { readSync } from "node:fs";

/** Longer than any line that could hold a code: a wrong file on stdin is not read to its end. */
const maxBytes = 256;

/**
 * Reads one line from `fd` (stdin), byte by byte, so nothing after the line is taken from
 * whoever reads the descriptor next: `exec --mfa-token - -- cmd` hands the rest of stdin to
 * `cmd`. Synchronous, like a shell's `read`: the command has nothing else to do meanwhile.
 *
 * @returns the line without its line ending; `undefined` at end of input before any byte.
 */
export function readStdinLine(fd = 0): string | undefined {
  const bytes: number[] = [];
  const buffer = Buffer.alloc(1);
  while (bytes.length < maxBytes) {
    const read = readRetrying(fd, buffer);
    if (read === 0) return bytes.length === 0 ? undefined : decode(bytes);
    const [byte = 0] = buffer;
    if (byte === 0x0a) return decode(bytes);
    bytes.push(byte);
  }
  return decode(bytes);
}

/** `readSync`, waiting while a non-blocking descriptor (an inherited pipe or tty) has nothing yet. */
function readRetrying(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, 1, null);
    } catch (error) {
      if (!(error instanceof Error && "code" in error && error.code === "EAGAIN")) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function decode(bytes: readonly number[]): string {
  return Buffer.from(bytes).toString("utf8").replace(/\r$/, "");
}
