import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ExitCode, InterruptedError, UsageError } from "../errors.js";
import { ttyPrompter, type Terminal } from "./tty-prompter.js";

function fakeTerminal(answer: string): {
  terminal: Terminal;
  shown: () => string;
  closed: () => boolean;
} {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  let isClosed = false;
  output.on("data", (chunk: Buffer) => (text += chunk.toString()));
  setImmediate(() => input.write(`${answer}\n`));
  return {
    terminal: {
      input,
      output,
      close: () => {
        isClosed = true;
      },
    },
    shown: () => text,
    closed: () => isClosed,
  };
}

describe("ttyPrompter", () => {
  it("turns Ctrl-C at the prompt into exit 130", async () => {
    const fake = fakeTerminal("\u0003");
    // readline reads ^C as SIGINT only from a terminal.
    Object.assign(fake.terminal.output, { isTTY: true });
    const prompter = ttyPrompter({ platform: "linux", openTerminal: () => fake.terminal });
    const answer = prompter.secret("Secret:");
    await expect(answer).rejects.toBeInstanceOf(InterruptedError);
    await expect(answer).rejects.toHaveProperty("exitCode", ExitCode.Interrupted);
    expect(fake.closed()).toBe(true);
  });

  it("reads a secret without echoing it, and lets go of the terminal", async () => {
    const fake = fakeTerminal("FAKEtest-secret-value");
    const prompter = ttyPrompter({ platform: "linux", openTerminal: () => fake.terminal });
    expect(await prompter.secret("Secret:")).toBe("FAKEtest-secret-value");
    expect(fake.shown()).toContain("Secret:");
    expect(fake.shown()).not.toContain("FAKEtest");
    expect(fake.closed()).toBe(true);
  });

  it("ends the line of a hidden answer, so what is printed next starts on a line of its own", async () => {
    const fake = fakeTerminal("FAKEtest-secret-value");
    const prompter = ttyPrompter({ platform: "linux", openTerminal: () => fake.terminal });
    await prompter.secret("Secret:");
    expect(fake.shown()).toMatch(/Secret: *\n$/);
  });

  it.each([
    ["y", true],
    ["YES", true],
    ["n", false],
    ["", false],
    ["yep", false],
  ])("confirms only an explicit yes (%j)", async (answer, expected) => {
    const fake = fakeTerminal(answer);
    const prompter = ttyPrompter({ platform: "linux", openTerminal: () => fake.terminal });
    expect(await prompter.confirm("Sure? [y/N]")).toBe(expected);
  });

  it("never opens the terminal with AWSAFE_PROMPT=none", async () => {
    const prompter = ttyPrompter({
      platform: "linux",
      mode: "none",
      openTerminal: () => {
        throw new Error("must not open");
      },
    });
    expect(prompter.canPrompt()).toBe(false);
    await expect(prompter.secret("Secret:")).rejects.toThrow(UsageError);
  });

  it("says there is no terminal when none can be opened", async () => {
    const prompter = ttyPrompter({ platform: "linux", openTerminal: () => undefined });
    expect(prompter.canPrompt()).toBe(false);
    await expect(prompter.secret("Secret:")).rejects.toThrow(/no terminal/);
  });
});
