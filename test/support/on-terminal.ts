import { spawn } from "node:child_process";
import { awsafeArgv } from "./awsafe-command.js";

/** A command on a pseudo-terminal: what it has printed so far, and a way to type. */
export interface OnTerminal {
  screen(): string;
  type(text: string): void;
  waitFor(text: string | RegExp, from?: number): Promise<void>;
  readonly ended: Promise<number | null>;
}

/**
 * Runs awsafe under `script`, which gives it a pseudo-terminal as its controlling terminal (its
 * /dev/tty), copies what the test types to it and what awsafe prints back. The test types only
 * once a question is on the screen, as a person would.
 */
export function awsafeOnTerminal(args: readonly string[], env: Record<string, string>): OnTerminal {
  const command = awsafeArgv(args);
  const line = [command.program, ...command.args].map((word) => `'${word}'`).join(" ");
  const child = spawn("script", ["-qfec", line, "/dev/null"], { env });
  let screen = "";
  const waiters: (() => void)[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    screen += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  const ended = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    screen: () => screen,
    type: (text) => child.stdin.write(text),
    waitFor: async (text, from = 0) => {
      const seen = () =>
        typeof text === "string" ? screen.includes(text, from) : text.test(screen.slice(from));
      while (!seen()) {
        const more = new Promise<void>((resolve) => waiters.push(resolve));
        const done = await Promise.race([more.then(() => false), ended.then(() => true)]);
        if (done && !seen()) throw new Error(`ended without showing ${String(text)}:\n${screen}`);
      }
    },
    ended,
  };
}
