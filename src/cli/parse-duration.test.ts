import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { parseDuration } from "./parse-duration.js";

describe("parseDuration", () => {
  it.each([
    ["3600", 3600],
    ["900s", 900],
    ["90m", 5400],
    ["12h", 43200],
    ["1h30m", 5400],
  ])("%s is %i seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "h", "1d", "-5", "1.5h", "m30"])("refuses %j", (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
  });
});
