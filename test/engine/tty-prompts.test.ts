import path from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../support/conformance.js";
import { awsafeOnTerminal } from "../support/on-terminal.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";
import { mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

// The MFA prompt on a real terminal: `script` gives awsafe a pseudo-terminal as its controlling
// terminal (its /dev/tty), copies what the test writes to it, and what awsafe prints back. The
// test types only once the question is on the screen, as a person would.
const ctx = useStoredKeysWorld();

describeWithRealThing("MFA prompts on a terminal", await missingCommands("script"), () => {
  it("ends each hidden answer's line, and a retry says which attempt it is and why", async () => {
    expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
    const terminal = awsafeOnTerminal(["credential-process", "admin-asks", "--no-agent"], {
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
    const terminal = awsafeOnTerminal(
      ["exec", "admin-asks", "--no-agent", "--", "sh", "-c", child],
      {
        ...ctx.world.env,
        AWSAFE_PROMPT: "terminal",
        TERM: "dumb",
      },
    );
    await terminal.waitFor(`Enter MFA code for ${mfaSerial}: `);
    const script = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
    terminal.type(`${(await ctx.world.run(process.execPath, [script])).stdout.trim()}\r`);
    await terminal.waitFor("child is reading");
    terminal.type("typed for the child\r");
    expect(await terminal.ended).toBe(0);
    expect(terminal.screen()).toContain("child got [typed for the child]");
  });
});
