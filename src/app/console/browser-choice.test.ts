import { describe, expect, it } from "vitest";
import { UsageError } from "../../errors.js";
import { chooseBrowser } from "./browser-choice.js";

const base = { flag: undefined, variable: undefined, isolate: undefined, profile: "admin" };

describe("chooseBrowser", () => {
  it("takes --browser, then AWSAFE_BROWSER, then the default browser", () => {
    expect(chooseBrowser({ ...base, flag: "firefox", variable: "chrome" }).browser).toBe("firefox");
    expect(chooseBrowser({ ...base, variable: " Chrome " }).browser).toBe("chrome");
    expect(chooseBrowser(base).browser).toBe("default");
  });

  it("isolates the Chromium family and Firefox by default, and never the default browser or Safari", () => {
    for (const flag of ["chrome", "chromium", "brave", "edge", "vivaldi", "firefox"] as const) {
      expect(chooseBrowser({ ...base, flag }).isolate).toBe(true);
      expect(chooseBrowser({ ...base, flag, isolate: false }).isolate).toBe(false);
    }
    expect(chooseBrowser(base).isolate).toBe(false);
    expect(chooseBrowser({ ...base, flag: "safari" }).isolate).toBe(false);
  });

  it.each([
    [{ ...base, isolate: true }, "the default browser"],
    [{ ...base, flag: "safari" as const, isolate: true }, "safari"],
    [{ ...base, variable: "netscape" }, "AWSAFE_BROWSER=netscape"],
  ])("refuses %j", (input, text) => {
    expect(() => chooseBrowser(input)).toThrow(UsageError);
    expect(() => chooseBrowser(input)).toThrow(text);
  });
});
