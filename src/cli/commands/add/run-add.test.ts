import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../errors.js";
import { noTestHooks } from "../../../runtime/test-hooks.js";
import type { CliIo } from "../../io.js";
import { runAdd } from "./run-add.js";

/** A terminal that answers `answers` in turn and records the questions. */
function io(answers: readonly string[]): CliIo & { questions: string[] } {
  const questions: string[] = [];
  const home = mkdtempSync(path.join(tmpdir(), "awsafe-add-"));
  return {
    questions,
    env: { HOME: home, AWSAFE_HOME: home, AWSAFE_BACKEND: "file" },
    platform: { platform: "linux", homedir: () => home },
    prompter: {
      canPrompt: () => true,
      secret: (question) => {
        questions.push(question);
        return Promise.resolve(answers[questions.length - 1] ?? "");
      },
      confirm: () => Promise.resolve(false),
    },
    now: () => new Date(),
    hooks: noTestHooks,
    selfCommand: ["awsafe"],
    notice: () => undefined,
    debug: () => undefined,
    stdout: { write: () => true },
    stderr: { write: () => true },
  };
}

const input = { profile: "me", env: false, force: false, backend: undefined };

describe("awsafe add at the terminal", () => {
  it("refuses a malformed access key ID before asking for the secret", async () => {
    const terminal = io(["AKIA-not-a-key-id"]);
    await expect(runAdd(input, terminal)).rejects.toThrow(UsageError);
    await expect(runAdd(input, io(["AKIA-not-a-key-id"]))).rejects.toThrow(/access key ID/);
    expect(terminal.questions).toEqual(['Access key ID for "me":']);
  });

  it("refuses a profile name no AWS tool can read before asking anything", async () => {
    const terminal = io([]);
    await expect(runAdd({ ...input, profile: "my profile" }, terminal)).rejects.toThrow(UsageError);
    expect(terminal.questions).toEqual([]);
  });
});
