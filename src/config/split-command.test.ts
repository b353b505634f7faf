import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { splitCommand } from "./split-command.js";

describe("splitCommand", () => {
  it.each([
    ["/bin/tool a b", ["/bin/tool", "a", "b"]],
    ["  tool   a\tb  ", ["tool", "a", "b"]],
    [`tool 'a b' "c d"`, ["tool", "a b", "c d"]],
    [`tool "a \\"q\\" \\$x \\n"`, ["tool", 'a "q" $x \\n']],
    ["tool a\\ b", ["tool", "a b"]],
    [`tool '' ""`, ["tool", "", ""]],
    [`tool ab'c d'e`, ["tool", "abc de"]],
    ["tool $HOME;rm -rf", ["tool", "$HOME;rm", "-rf"]],
  ])("splits %j like shlex.split", (line, words) => {
    expect(splitCommand(line, "credential_process")).toEqual(words);
  });

  it.each(["tool 'a", 'tool "a', "tool a\\", "   "])("refuses %j", (line) => {
    expect(() => splitCommand(line, "mfa_process")).toThrow(ConfigError);
  });
});
