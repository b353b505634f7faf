import { describe, expect, it } from "vitest";
import { colorWanted, styleFor } from "./style.js";

const terminal = { isTTY: true, write: () => true };
const pipe = { write: () => true };

describe("colorWanted", () => {
  it.each([
    ["a terminal", terminal, {}, true],
    ["a pipe", pipe, {}, false],
    ["a terminal with NO_COLOR", terminal, { NO_COLOR: "1" }, false],
    ["a terminal with an empty NO_COLOR", terminal, { NO_COLOR: "" }, true],
    ["a terminal with NODE_DISABLE_COLORS", terminal, { NODE_DISABLE_COLORS: "1" }, false],
    ["a dumb terminal", terminal, { TERM: "dumb" }, false],
    ["a pipe with FORCE_COLOR", pipe, { FORCE_COLOR: "1" }, true],
    ["a terminal with FORCE_COLOR=0", terminal, { FORCE_COLOR: "0", NO_COLOR: "1" }, false],
  ])("%s: %s", (_name, output, env, wanted) => {
    expect(colorWanted(output, env)).toBe(wanted);
  });

  it("styles through util.styleText only when wanted", () => {
    expect(styleFor(terminal, {})("fail", "✗")).toBe("\u001b[1m\u001b[31m✗\u001b[39m\u001b[22m");
    expect(styleFor(pipe, {})("fail", "✗")).toBe("✗");
  });
});
