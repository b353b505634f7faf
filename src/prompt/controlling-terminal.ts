import { closeSync, openSync } from "node:fs";
import type { ReadStream, WriteStream } from "node:tty";

/** The two ends of the controlling terminal, and how to let go of them. */
export interface ControllingTerminal {
  readonly input: ReadStream;
  readonly output: WriteStream;
  close(): void;
}

/** Whether the controlling terminal can be opened, without loading what talks to it. */
export function terminalReachable(platform: NodeJS.Platform): boolean {
  if (platform === "win32") return process.stdin.isTTY && process.stderr.isTTY;
  try {
    closeSync(openSync("/dev/tty", "r"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the controlling terminal (`/dev/tty`; stdin and stderr on Windows, when they are the
 * console). `node:tty` is loaded only here, when a question is asked: `credential-process`
 * starts on every AWS call and almost never prompts.
 */
export async function openControllingTerminal(
  platform: NodeJS.Platform,
): Promise<ControllingTerminal | undefined> {
  if (platform === "win32") {
    if (!terminalReachable(platform)) return undefined;
    return { input: process.stdin, output: process.stderr, close: () => undefined };
  }
  const { ReadStream, WriteStream } = await import("node:tty");
  let readFd: number | undefined;
  try {
    readFd = openSync("/dev/tty", "r");
    const writeFd = openSync("/dev/tty", "w");
    const input = new ReadStream(readFd);
    const output = new WriteStream(writeFd);
    return {
      input,
      output,
      close: () => {
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    // No controlling terminal (a service, a pipe from cron, `setsid`): there is no one to ask.
    if (readFd !== undefined) closeSync(readFd);
    return undefined;
  }
}
