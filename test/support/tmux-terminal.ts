import { spawnSync } from "node:child_process";
import { awsafeArgv } from "./awsafe-command.js";

/** A command in a tmux pane: the rendered screen, keys to type, and how it ended. */
export interface TmuxTerminal {
  /** The pane as a person sees it (with what scrolled off the top). */
  screen(): string;
  /** Types text literally. */
  type(text: string): void;
  /** Presses keys by tmux's names: `Enter`, `BSpace`, `Down`, `C-c`. */
  press(...keys: string[]): void;
  /** Waits until the screen shows `text` (30 s at most). */
  waitFor(text: string | RegExp): Promise<void>;
  /** Waits for the command to end; its exit code. */
  exitCode(): Promise<number>;
  /** Ends the tmux server of this pane. */
  close(): void;
}

let count = 0;

/**
 * Runs awsafe in a detached tmux session of its own server (`-L`, so nothing is shared with
 * another test or the user's tmux), `width`×`height`, in `env`. The pane is the command's
 * controlling terminal: `/dev/tty` prompts are drawn there as a person would see them.
 */
export function awsafeInTmux(
  args: readonly string[],
  env: Record<string, string>,
  size: { readonly width: number; readonly height: number } = { width: 100, height: 40 },
): TmuxTerminal {
  const socket = `awsafe-test-${String(process.pid)}-${String(++count)}`;
  const command = awsafeArgv(args);
  const line = [command.program, ...command.args].map((word) => `'${word}'`).join(" ");
  // The marker line tells the test the exit code; the pane stays so the screen can be read.
  const shell = `${line}; echo "[exited $?]"; sleep 600`;
  const tmux = (...words: string[]) => {
    const result = spawnSync("tmux", ["-L", socket, "-f", "/dev/null", ...words], {
      env: { ...env, TERM: "xterm-256color" },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`tmux ${words[0] ?? ""} failed: ${result.stderr}`);
    return result.stdout;
  };
  tmux("new-session", "-d", "-s", "t", "-x", String(size.width), "-y", String(size.height), shell);
  const screen = () => tmux("capture-pane", "-p", "-t", "t", "-S", "-200");
  const waitFor = async (text: string | RegExp) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const now = screen();
      if (typeof text === "string" ? now.includes(text) : text.test(now)) return;
      if (Date.now() > deadline)
        throw new Error(`the screen never showed ${String(text)}:\n${now}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    screen,
    type: (text) => tmux("send-keys", "-t", "t", "-l", text),
    press: (...keys) => tmux("send-keys", "-t", "t", ...keys),
    waitFor,
    exitCode: async () => {
      await waitFor(/\[exited \d+\]/);
      return Number(/\[exited (\d+)\]/.exec(screen())?.[1]);
    },
    close: () => {
      spawnSync("tmux", ["-L", socket, "kill-server"]);
    },
  };
}
