import { closeSync, openSync } from "node:fs";
import { ReadStream, WriteStream } from "node:tty";
import { InterruptedError, UsageError } from "../errors.js";
import type { Prompter } from "../ports/prompter.js";

/** Where the terminal prompter talks; tests pass their own. */
export interface TtyPrompterOptions {
  readonly platform: NodeJS.Platform;
  /** `AWSAFE_PROMPT`: `none` turns prompting off (scripts, CI, tests). */
  readonly mode?: string | undefined;
  /** Opens the terminal; default: `/dev/tty` (the console on Windows). */
  readonly openTerminal?: () => Terminal | undefined;
}

/** The two ends of a terminal and how to let go of them. */
export interface Terminal {
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  close(): void;
}

/**
 * Prompts on the controlling terminal (`/dev/tty`), not on stdin/stdout: those may be pipes
 * (`awsafe import < answers`, `credential_process`) and must never carry a secret. Hidden input
 * uses npm's `read` (readline with muted echo).
 */
export function ttyPrompter(options: TtyPrompterOptions): Prompter {
  const open = options.openTerminal ?? (() => openControllingTerminal(options.platform));
  const ask = async (question: string, silent: boolean): Promise<string> => {
    const terminal = options.mode === "none" ? undefined : open();
    if (terminal === undefined) throw noTerminal();
    try {
      const { read } = await import("read");
      return await read({
        prompt: question,
        silent,
        input: terminal.input,
        output: terminal.output,
      });
    } catch (error) {
      // `read` rejects with "canceled" on Ctrl-C; anything else is the terminal failing.
      if (error instanceof Error && error.message === "canceled") {
        throw new InterruptedError("Cancelled at the prompt; nothing was changed", {
          cause: error,
        });
      }
      throw new UsageError("Cannot read the answer from the terminal; nothing was changed", {
        hint: "run the command in an interactive terminal, or use the environment variable or flag that provides the value",
        cause: error,
      });
    } finally {
      terminal.close();
    }
  };
  return {
    canPrompt: () => {
      if (options.mode === "none") return false;
      const terminal = open();
      terminal?.close();
      return terminal !== undefined;
    },
    secret: (question) => ask(question, true),
    confirm: async (question) => /^(y|yes)$/i.test((await ask(question, false)).trim()),
  };
}

function openControllingTerminal(platform: NodeJS.Platform): Terminal | undefined {
  if (platform === "win32") {
    // Windows has no /dev/tty; the console is stdin/stderr when they are attached to it.
    if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
    return { input: process.stdin, output: process.stderr, close: () => undefined };
  }
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

function noTerminal(): UsageError {
  return new UsageError("Cannot prompt: there is no terminal (or AWSAFE_PROMPT=none)", {
    hint: "Run the command in a terminal, or give the value another way (see `awsafe <command> --help`).",
  });
}
