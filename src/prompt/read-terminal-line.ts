import { spawnSync } from "node:child_process";
import { closeSync, openSync, readSync, writeSync } from "node:fs";

/** How a line read at the terminal ended. */
export type TerminalLine =
  | { readonly kind: "line"; readonly text: string }
  /** Ctrl-C, or Ctrl-D on an empty line. */
  | { readonly kind: "cancelled" };

/** One byte at a time from the terminal, and a way to write to it. */
export interface TerminalBytes {
  /** The next byte typed; `undefined` at end of input. */
  readByte(): number | undefined;
  write(text: string): void;
}

/**
 * Reads one answer from `/dev/tty` synchronously, the terminal switched by `stty` to raw input
 * without echo for the time of the question and restored after (also on Ctrl-C).
 *
 * Why not readline (npm's `read`), as on Node: in the Bun single executable a `tty.ReadStream`,
 * once destroyed, leaves a reader on the terminal that swallows what is typed next, so a second
 * question (a retried MFA code) never gets its answer and the command `exec` starts loses its
 * first input. A synchronous read leaves nothing behind.
 *
 * @returns `undefined` when there is no terminal, or `stty` cannot hide the answer (a secret is
 *   never read with echo on).
 */
export function readTerminalLine(question: string, silent: boolean): TerminalLine | undefined {
  let fd: number;
  try {
    fd = openSync("/dev/tty", "r+");
  } catch {
    return undefined;
  }
  try {
    const saved = stty(fd, ["-g"]);
    if (saved === undefined) return undefined;
    // Echo goes off before the question shows: nothing typed on seeing it is ever echoed.
    if (stty(fd, ["-echo", "-icanon", "-isig", "min", "1", "time", "0"]) === undefined) {
      return undefined;
    }
    try {
      writeSync(fd, question);
      return editLine(terminalBytes(fd), silent);
    } finally {
      stty(fd, [saved]);
      writeSync(fd, "\n");
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The line editing a terminal in canonical mode would do, on raw bytes: Enter ends the line,
 * Backspace removes the last character, Ctrl-U the whole line, Ctrl-C (or Ctrl-D on an empty
 * line) cancels. With `silent` nothing is echoed; otherwise what is typed is.
 */
export function editLine(terminal: TerminalBytes, silent: boolean): TerminalLine {
  const bytes: number[] = [];
  for (;;) {
    const byte = terminal.readByte();
    if (byte === undefined || byte === 0x0d || byte === 0x0a) {
      return { kind: "line", text: Buffer.from(bytes).toString("utf8") };
    }
    if (byte === 0x03 || (byte === 0x04 && bytes.length === 0)) return { kind: "cancelled" };
    if (byte === 0x7f || byte === 0x08) {
      if (dropLastCharacter(bytes) && !silent) terminal.write("\b \b");
    } else if (byte === 0x15) {
      while (dropLastCharacter(bytes)) if (!silent) terminal.write("\b \b");
    } else if (byte >= 0x20 || byte === 0x09) {
      bytes.push(byte);
      // Echoed answers are y/n: ASCII is echoed as typed, other characters are kept unseen.
      if (!silent && byte < 0x80) terminal.write(String.fromCharCode(byte));
    }
  }
}

/** Removes the last UTF-8 character; `false` when there was none. */
function dropLastCharacter(bytes: number[]): boolean {
  if (bytes.length === 0) return false;
  let byte = bytes.pop();
  while (byte !== undefined && (byte & 0xc0) === 0x80 && bytes.length > 0) byte = bytes.pop();
  return true;
}

function terminalBytes(fd: number): TerminalBytes {
  const buffer = Buffer.alloc(1);
  return {
    readByte: () => (readSync(fd, buffer, 0, 1, null) === 0 ? undefined : buffer[0]),
    write: (text) => writeSync(fd, text),
  };
}

/** Runs `stty` on the terminal `fd`; its output, or `undefined` when it fails or is missing. */
function stty(fd: number, args: readonly string[]): string | undefined {
  const result = spawnSync("stty", args, { stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
