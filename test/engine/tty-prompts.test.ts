import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { awsafeArgv } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";
import { mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

// The MFA prompt on a real terminal: `script` gives awsafe a pseudo-terminal as its controlling
// terminal (its /dev/tty), copies what the test writes to it, and what awsafe prints back. The
// test types only once the question is on the screen, as a person would.
const ctx = useStoredKeysWorld();

/** A command on a pseudo-terminal: what it has printed so far, and a way to type. */
interface OnTerminal {
  screen(): string;
  type(text: string): void;
  waitFor(text: string | RegExp, from?: number): Promise<void>;
  ended: Promise<number | null>;
}

function onTerminal(args: readonly string[], env: Record<string, string>): OnTerminal {
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

describeWithRealThing("MFA prompts on a terminal", await missingCommands("script"), () => {
  it("ends each hidden answer's line, and a retry says which attempt it is and why", async () => {
    expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
    const terminal = onTerminal(["credential-process", "admin-asks", "--no-agent"], {
      ...ctx.world.env,
      AWSAFE_PROMPT: "terminal",
      TERM: "dumb",
    });
    const first = `Enter MFA code for ${mfaSerial}: `;
    await terminal.waitFor(first);
    terminal.type("000000\r");
    const again = `AWS refused the last code. Enter MFA code for ${mfaSerial} (attempt 2 of 3): `;
    await terminal.waitFor(again);
    terminal.type("9876\r");
    await terminal.waitFor("The last code was not 6 digits. Enter MFA code");
    terminal.type("000001\r");
    expect(await terminal.ended).toBe(77);
    const screen = terminal.screen().replaceAll("\r", "");
    // Nothing is written over a question: each one's line ends before the next output.
    expect(screen).toContain(`${first}\n${again}\n`);
    expect(screen).toContain("(attempt 3 of 3): \nawsafe: ");
    expect(screen).not.toMatch(/000000|9876|000001/);
  });

  it("leaves the terminal to the command exec starts once the code is typed", async () => {
    expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
    const child = 'echo "child is reading"; read -r line; echo "child got [$line]"';
    const terminal = onTerminal(["exec", "admin-asks", "--no-agent", "--", "sh", "-c", child], {
      ...ctx.world.env,
      AWSAFE_PROMPT: "terminal",
      TERM: "dumb",
    });
    await terminal.waitFor(`Enter MFA code for ${mfaSerial}: `);
    const script = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
    terminal.type(`${(await ctx.world.run(process.execPath, [script])).stdout.trim()}\r`);
    await terminal.waitFor("child is reading");
    terminal.type("typed for the child\r");
    expect(await terminal.ended).toBe(0);
    expect(terminal.screen()).toContain("child got [typed for the child]");
  });
});
