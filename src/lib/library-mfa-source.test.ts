import { describe, expect, it } from "vitest";
import { AuthError } from "../errors.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import { noPrompter, type Prompter } from "../ports/prompter.js";
import type { RuntimeContext } from "../runtime/context.js";
import { noTestHooks } from "../runtime/test-hooks.js";
import { libraryMfaSource } from "./library-mfa-source.js";

const serial = "arn:aws:iam::123456789012:mfa/me";
const request: MfaRequest = { serialNumber: serial, profile: "admin", attempt: 1 };

function context(env: Record<string, string>, prompter: Prompter = noPrompter): RuntimeContext {
  return {
    env,
    platform: { platform: "linux", homedir: () => "/home/me" },
    prompter,
    now: () => new Date(),
    hooks: noTestHooks,
    selfCommand: ["node", "cli.cjs"],
    notice: () => undefined,
    debug: () => undefined,
  };
}

describe("libraryMfaSource", () => {
  it("asks the caller's mfaCodeProvider with the device's serial, before the profile's mfa_process", async () => {
    const asked: string[] = [];
    const source = libraryMfaSource(context({}), (mfaSerial) => {
      asked.push(mfaSerial);
      return Promise.resolve(" 123456 ");
    });
    await expect(source({ ...request, mfaProcess: "false" })).resolves.toBe("123456");
    expect(asked).toEqual([serial]);
  });

  it.each([
    ["rejects", () => Promise.reject(new Error("the user closed the dialog")), /closed the dialog/],
    ["gives no 6-digit code", () => Promise.resolve("12345"), /no 6-digit MFA code/],
  ])("fails with an AuthError when the mfaCodeProvider %s", async (_name, provider, message) => {
    const failed = libraryMfaSource(context({}), provider)(request);
    await expect(failed).rejects.toBeInstanceOf(AuthError);
    await expect(failed).rejects.toThrow(message);
  });

  it.each([
    [{}, "there is no terminal to ask on"],
    [{ AWSAFE_PROMPT: "none" }, "AWSAFE_PROMPT=none turns asking off"],
  ])(
    "without mfaCodeProvider, mfa_process or a terminal (%o), names the library's ways",
    async (env, why) => {
      const error: unknown = await libraryMfaSource(
        context(env),
        undefined,
      )(request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthError);
      if (!(error instanceof AuthError)) return;
      expect(error.message).toBe(`An MFA code for ${serial} is needed, but ${why}`);
      expect(error.hint).toMatch(
        /^Pass mfaCodeProvider to fromAwsafe\(\), or set mfa_process in profile "admin"/,
      );
    },
  );

  it("asks on the terminal when there is one", async () => {
    const questions: string[] = [];
    const terminal: Prompter = {
      canPrompt: () => true,
      secret: (question) => {
        questions.push(question);
        return Promise.resolve("654321");
      },
      confirm: () => Promise.resolve(false),
    };
    await expect(libraryMfaSource(context({}, terminal), undefined)(request)).resolves.toBe(
      "654321",
    );
    expect(questions).toEqual([`Enter MFA code for ${serial}: `]);
  });
});
