import { describe, expect, it } from "vitest";
import { AppError, AuthError, UsageError } from "../errors.js";
import type { CommandResult, CommandRunner } from "../ports/command-runner.js";
import { noPrompter, type Prompter } from "../ports/prompter.js";
import { chooseMfaSource } from "./choose-mfa-source.js";

const request = {
  serialNumber: "arn:aws:iam::123456789012:mfa/alice",
  profile: "alice",
  attempt: 1,
};

function recordingRunner(stdout: string, exitCode = 0): CommandRunner & { commands: unknown[] } {
  const commands: unknown[] = [];
  return {
    commands,
    run: (command) => {
      commands.push(command);
      const result: CommandResult = { exitCode, signal: null, stdout, stderr: "" };
      return Promise.resolve(result);
    },
  };
}

const terminal = (answer: string): Prompter & { questions: string[] } => {
  const questions: string[] = [];
  return {
    questions,
    canPrompt: () => true,
    secret: (question) => {
      questions.push(question);
      return Promise.resolve(answer);
    },
    confirm: () => Promise.resolve(false),
  };
};

describe("chooseMfaSource", () => {
  it("uses --mfa-token once, then says to run again", async () => {
    const source = chooseMfaSource({
      mfaToken: "123456",
      prompter: noPrompter,
      runner: recordingRunner(""),
    });
    await expect(source(request)).resolves.toBe("123456");
    await expect(source({ ...request, attempt: 2 })).rejects.toThrow(AuthError);
  });

  it("runs the profile's mfa_process before any prompt and trims its output", async () => {
    const runner = recordingRunner(" 654321\n");
    const tty = terminal("111111");
    const source = chooseMfaSource({ prompter: tty, runner });
    await expect(source({ ...request, mfaProcess: "otp --code" })).resolves.toBe("654321");
    expect(runner.commands).toEqual(["otp --code"]);
    expect(tty.questions).toEqual([]);
  });

  it("refuses mfa_process output that is not 6 digits", async () => {
    const source = chooseMfaSource({
      prompter: noPrompter,
      runner: recordingRunner("Error: locked"),
    });
    await expect(source({ ...request, mfaProcess: "otp" })).rejects.toThrow(/6-digit/);
  });

  it("asks on the terminal by default; a second ask says which attempt it is and why", async () => {
    const tty = terminal("222222");
    const source = chooseMfaSource({ prompter: tty, runner: recordingRunner("") });
    await source({ ...request, attempts: 3 });
    await source({
      ...request,
      attempt: 2,
      attempts: 3,
      lastFailure: "AWS refused the last code",
    });
    expect(tty.questions).toEqual([
      `Enter MFA code for ${request.serialNumber}: `,
      `AWS refused the last code. Enter MFA code for ${request.serialNumber} (attempt 2 of 3): `,
    ]);
  });

  it.each([
    ["no terminal", undefined],
    ["AWSAFE_PROMPT=none", "none"],
  ])("with %s says how to give a code", async (_name, promptMode) => {
    const source = chooseMfaSource({
      promptMode,
      prompter: noPrompter,
      runner: recordingRunner(""),
    });
    const error = await source(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error instanceof AppError ? error.hint : "").toMatch(
      /--mfa-token.*mfa_process.*AWSAFE_PROMPT/,
    );
  });

  it.each([
    ["zenity", "333333\n", "333333"],
    ["kdialog", "333333\n", "333333"],
    ["osascript", "text returned:333333\n", "333333"],
    ["ykman", "arn:aws:iam::123456789012:mfa/alice  333333\n", "333333"],
  ])("runs %s without a shell", async (mode, stdout, code) => {
    const runner = recordingRunner(stdout);
    const source = chooseMfaSource({ promptMode: mode, prompter: noPrompter, runner });
    await expect(source(request)).resolves.toBe(code);
    expect(Array.isArray(runner.commands[0])).toBe(true);
  });

  it("rejects an unknown AWSAFE_PROMPT up front", () => {
    expect(() =>
      chooseMfaSource({
        promptMode: "carrier-pigeon",
        prompter: noPrompter,
        runner: recordingRunner(""),
      }),
    ).toThrow(UsageError);
  });
});
