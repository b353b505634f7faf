import { InterruptedError, UsageError } from "../errors.js";
import type { Prompter } from "../ports/prompter.js";
import { openControllingTerminal, terminalReachable } from "./controlling-terminal.js";

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
  const { openTerminal } = options;
  // Bun's terminal streams cannot be opened twice (see read-terminal-line.ts).
  const synchronous =
    openTerminal === undefined && options.platform !== "win32" && "bun" in process.versions;
  const ask = async (question: string, silent: boolean): Promise<string> => {
    if (options.mode === "none") throw noTerminal();
    if (synchronous) return await askSynchronously(question, silent);
    const terminal =
      openTerminal === undefined ? await openControllingTerminal(options.platform) : openTerminal();
    if (terminal === undefined) throw noTerminal();
    try {
      const { read } = await import("read");
      const answer = await read({
        prompt: question,
        silent,
        input: terminal.input,
        output: terminal.output,
      });
      // The Enter of a hidden answer is not echoed either: end the line, or the next output
      // (another prompt, a message) would be written over the question.
      if (silent) terminal.output.write("\n");
      return answer;
    } catch (error) {
      // `read` rejects with "canceled" on Ctrl-C; anything else is the terminal failing.
      if (error instanceof Error && error.message === "canceled") {
        terminal.output.write("\n");
        throw cancelled(error);
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
      if (openTerminal === undefined) return terminalReachable(options.platform);
      const terminal = openTerminal();
      terminal?.close();
      return terminal !== undefined;
    },
    secret: (question) => ask(question, true),
    confirm: async (question) => /^(y|yes)$/i.test((await ask(question, false)).trim()),
  };
}

async function askSynchronously(question: string, silent: boolean): Promise<string> {
  // Loaded when a question is asked: it loads child_process, which the hot path never needs.
  const { readTerminalLine } = await import("./read-terminal-line.js");
  const line = readTerminalLine(question, silent);
  if (line === undefined) throw noTerminal();
  if (line.kind === "cancelled") throw cancelled(undefined);
  return line.text;
}

function cancelled(cause: unknown): InterruptedError {
  return new InterruptedError("Cancelled at the prompt; nothing was changed", { cause });
}

function noTerminal(): UsageError {
  return new UsageError("Cannot prompt: there is no terminal (or AWSAFE_PROMPT=none)", {
    hint: "Run the command in a terminal, or give the value another way (see `awsafe <command> --help`).",
  });
}
