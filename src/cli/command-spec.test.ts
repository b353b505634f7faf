import { describe, expect, it } from "vitest";
import { defineCommand, type ParsedWords } from "./command-spec.js";
import { noPrompter } from "../ports/prompter.js";
import { noTestHooks } from "../runtime/test-hooks.js";
import type { CliIo } from "./io.js";
import { optionalArg, variadicArg } from "./options.js";

const io: CliIo = {
  env: {},
  platform: { platform: "linux", homedir: () => "/nowhere" },
  prompter: noPrompter,
  now: () => new Date(),
  hooks: noTestHooks,
  selfCommand: ["awsafe"],
  notice: () => undefined,
  debug: () => undefined,
  stdout: { write: () => true },
  stderr: { write: () => true },
};

/** What an `exec`-shaped command is given for the words commander parsed. */
async function inputOf(words: ParsedWords): Promise<unknown> {
  let seen: unknown;
  const command = defineCommand({
    name: "exec",
    description: "",
    args: { profile: optionalArg("profile", ""), command: variadicArg("command", "") },
    options: {},
    load: () =>
      Promise.resolve((input) => {
        seen = input;
        return Promise.resolve(0);
      }),
  });
  await command.run?.(words, io);
  return seen;
}

describe("a command ending in a variadic argument", () => {
  it.each([
    // awsafe exec admin -- aws s3 ls
    [["admin", ["aws", "s3", "ls"]], 3, { profile: "admin", command: ["aws", "s3", "ls"] }],
    // awsafe exec -- aws s3 ls: commander makes "aws" the profile; it is the command's
    [["aws", ["s3", "ls"]], 3, { profile: undefined, command: ["aws", "s3", "ls"] }],
    // awsafe exec -- aws
    [["aws", []], 1, { profile: undefined, command: ["aws"] }],
    // awsafe exec admin extra -- cmd: words before -- still fill the arguments in order
    [["admin", ["extra", "cmd"]], 1, { profile: "admin", command: ["extra", "cmd"] }],
    // awsafe exec admin / awsafe exec: no --
    [["admin", []], 0, { profile: "admin", command: [] }],
    [[undefined, []], 0, { profile: undefined, command: [] }],
  ])("%j with %i words after --", async (positionals, afterDoubleDash, expected) => {
    expect(await inputOf({ positionals, options: {}, afterDoubleDash })).toEqual(expected);
  });
});
