import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { awsafeArgv } from "./awsafe-command.js";

const run = promisify(execFile);

/** A program on a real pseudo-terminal drawn by tmux: its rendered screen, keys, its exit code. */
export interface TmuxTerminal {
  /** The screen as a person sees it now (tmux's rendering of the program's output). */
  screen(): Promise<string>;
  /** Waits until the screen shows `text`, or says what it showed instead. */
  waitForScreen(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Keys by tmux's names: `Down`, `Enter`, `C-c`, `BSpace`. */
  keys(...names: string[]): Promise<void>;
  /** Text typed as it is. */
  type(text: string): Promise<void>;
  /** The program's exit status, once it has ended. */
  exitCode(timeoutMs?: number): Promise<number>;
  /** Ends tmux and removes its socket. */
  close(): Promise<void>;
}

/**
 * Runs `program args...` in a detached tmux session of its own (a private socket, so no other
 * tmux is touched) on a `width`×`height` terminal, with exactly `env` as its environment. The
 * pane stays after the program ends, so its last screen can be read.
 */
export async function onTmux(
  program: string,
  args: readonly string[],
  env: Record<string, string>,
  options: { readonly width?: number; readonly height?: number; readonly cwd?: string } = {},
): Promise<TmuxTerminal> {
  const dir = mkdtempSync(path.join(tmpdir(), "awsafe-tmux-"));
  const socket = path.join(dir, "socket");
  const statusFile = path.join(dir, "status");
  const config = path.join(dir, "tmux.conf");
  writeFileSync(config, "set -g remain-on-exit on\nset -g status off\n");
  const tmux = (...words: string[]) =>
    run("tmux", ["-S", socket, ...words], { env: { ...env, TERM: "xterm-256color" } });
  await tmux(
    "-f",
    config,
    "new-session",
    "-d",
    "-x",
    String(options.width ?? 100),
    "-y",
    String(options.height ?? 30),
    ...(options.cwd === undefined ? [] : ["-c", options.cwd]),
    "--",
    // The shell writes the program's exit status to a file: tmux 3.3 now and then leaves a
    // pane's process unreaped, and its #{pane_dead_status} empty, for good.
    "sh",
    "-c",
    'status=$1; shift; "$@"; echo $? > "$status"',
    "sh",
    statusFile,
    program,
    ...args,
  );
  // From the start of the history: tmux's own "Pane is dead" line may scroll the first one off.
  const screen = async () => (await tmux("capture-pane", "-p", "-J", "-S", "-")).stdout;
  return {
    screen,
    waitForScreen: async (text, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const shown = await screen();
        if (typeof text === "string" ? shown.includes(text) : text.test(shown)) return shown;
        if (Date.now() > deadline) {
          throw new Error(`the screen did not show ${String(text)}; it shows:\n${shown}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    keys: async (...names) => {
      await tmux("send-keys", ...names);
    },
    type: async (text) => {
      await tmux("send-keys", "-l", text);
    },
    exitCode: async (timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = existsSync(statusFile) ? readFileSync(statusFile, "utf8") : "";
        if (/^\d+\n$/.test(status)) return Number(status);
        if (Date.now() > deadline) throw new Error(`still running:\n${await screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: async () => {
      await tmux("kill-server").catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** awsafe `args` on tmux (see {@link onTmux}). */
export function awsafeOnTmux(
  args: readonly string[],
  env: Record<string, string>,
  options: { readonly width?: number; readonly height?: number; readonly cwd?: string } = {},
): Promise<TmuxTerminal> {
  const command = awsafeArgv(args);
  return onTmux(command.program, command.args, env, options);
}
