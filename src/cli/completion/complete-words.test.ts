import { describe, expect, it } from "vitest";
import { commandTable } from "../command-table.js";
import { completeWords } from "./complete-words.js";

const values = { profiles: () => ["admin", "base", "dev"] };
const complete = (...words: string[]) => completeWords(commandTable, words, values);

describe("completeWords", () => {
  it.each([
    [["ex"], ["explain", "export", "exec"]],
    [
      ["agent", ""],
      ["start", "stop", "status"],
    ],
    [
      ["exec", ""],
      ["admin", "base", "dev"],
    ],
    [["exec", "d"], ["dev"]],
    [["exec", "admin", "--", ""], []],
    [["exec", "--", ""], []],
    [["exec", "--", "aws", "--pro"], []],
    [["export", "x", "--format", "j"], ["json"]],
    [
      ["list", "--backend", ""],
      ["keychain", "file", "pass"],
    ],
    [
      ["configure", "x", "--source-profile", ""],
      ["admin", "base", "dev"],
    ],
    [
      ["export", "x", "--format", "json", "--no-"],
      ["--no-session", "--no-agent"],
    ],
    [["--"], ["--help", "--version"]],
  ])("offers for %j: %j", (words, expected) => {
    expect(complete(...words)).toEqual(expected);
  });

  it("never offers hidden commands", () => {
    expect(complete("")).not.toContain("__complete");
    expect(complete("agent", "")).not.toContain("run");
  });

  it("reads no profile names unless a word needs them", () => {
    let asked = 0;
    completeWords(commandTable, ["ex"], { profiles: () => (asked++, []) });
    expect(asked).toBe(0);
  });
});
