import { describe, expect, it } from "vitest";
import { editLine, type TerminalBytes } from "./read-terminal-line.js";

/** A terminal on which `typed` is typed; what is echoed is kept. */
function typing(typed: string): TerminalBytes & { echoed: () => string } {
  const bytes = [...Buffer.from(typed, "utf8")];
  let echoed = "";
  return {
    readByte: () => bytes.shift(),
    write: (text) => {
      echoed += text;
    },
    echoed: () => echoed,
  };
}

describe("editLine", () => {
  it.each([
    ["123456\r", "123456"],
    ["12x\x7f3456\n", "123456"],
    ["wrong\x15123456\r", "123456"],
    ["pässwörd\x7f\x7fd\r", "pässwöd"],
    ["no end", "no end"],
  ])("edits %j into %j", (typed, text) => {
    expect(editLine(typing(typed), true)).toEqual({ kind: "line", text });
  });

  it.each(["12\x03", "\x04"])("cancels on Ctrl-C, and on Ctrl-D at the start (%j)", (typed) => {
    expect(editLine(typing(typed), true)).toEqual({ kind: "cancelled" });
  });

  it("echoes nothing of a hidden answer, and what is typed of a visible one", () => {
    const hidden = typing("secret\r");
    editLine(hidden, true);
    expect(hidden.echoed()).toBe("");
    const visible = typing("yx\x7f\r");
    expect(editLine(visible, false)).toEqual({ kind: "line", text: "y" });
    expect(visible.echoed()).toBe("yx\b \b");
  });
});
