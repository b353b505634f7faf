import { describe, expect, it } from "vitest";
import { classifyIniLines, type IniLineKind } from "./classify-ini-lines.js";
import { splitIniLines } from "./ini-lines.js";

describe("classifyIniLines: a line whose first non-blank character is # or ; is a comment", () => {
  const table: readonly [name: string, text: string, kinds: IniLineKind["kind"][]][] = [
    ["`:` in a comment", "[a]\nk = v\n# admin role: MFA\n", ["header", "property", "comment"]],
    ["`=` after `;`", "[a]\n; note = x\n", ["header", "comment"]],
    ["`#key=value`", "[a]\n#key=value\n", ["header", "comment"]],
    ["`[` in a comment", "#[a]\n# see [profile b]: x\n[a]\n", ["comment", "comment", "header"]],
    [
      "indented, inside a multi-line value",
      "[a]\ns3 =\n    x = 1\n    # y = 2\n\t; z: 3\n    w = 4\n",
      ["header", "property", "continuation", "comment", "comment", "continuation"],
    ],
    ["`=` after another character is a setting", "[a]\nk#=v\n", ["header", "property"]],
  ];
  for (const [name, text, kinds] of table) {
    it(name, () => {
      expect(classifyIniLines(splitIniLines(text)).map((kind) => kind.kind)).toEqual(kinds);
    });
  }
});
