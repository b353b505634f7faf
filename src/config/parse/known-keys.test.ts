import { describe, expect, it } from "vitest";
import { knownKeyAt, knownKeys } from "./known-keys.js";
import { parseIniSections, validIdentifier } from "./parse-ini-sections.js";

/** Each property of `text` as key, value and the warnings' codes. */
function read(text: string): { keys: [string, string][]; warnings: string[] } {
  const file = parseIniSections(text, "config");
  return {
    keys: (file.sections[0]?.properties ?? []).map((property) => [property.key, property.value]),
    warnings: file.warnings.map((warning) => warning.code),
  };
}

describe("knownKeyAt", () => {
  // A known key skips the checks of an unknown one: each must be what those checks let through
  // unchanged (a lower-case identifier other than __proto__).
  it.each(knownKeys)("%s is a lower-case identifier", (key) => {
    expect(validIdentifier.test(key)).toBe(true);
    expect(key.toLowerCase()).toBe(key);
    expect(key).not.toBe("__proto__");
  });

  it("finds a key only where it is written exactly, whole", () => {
    const text = "xregion = 1\nregionx";
    expect(knownKeyAt(text, 1, 7)).toBe("region");
    expect(knownKeyAt(text, 0, 6)).toBeUndefined();
    expect(knownKeyAt(text, 12, 19)).toBeUndefined();
    expect(knownKeyAt("Region", 0, 6)).toBeUndefined();
    expect(knownKeyAt("", 0, 0)).toBeUndefined();
  });
});

// Keys read through knownKeyAt and keys read the long way come out alike.
describe("parseIniSections with known and unknown keys", () => {
  it.each([
    ["region = eu-west-1", [["region", "eu-west-1"]], []],
    ["region=eu-west-1", [["region", "eu-west-1"]], []],
    ["region  =  eu-west-1", [["region", "eu-west-1"]], []],
    ["region\t= eu-west-1", [["region", "eu-west-1"]], []],
    ["Region = eu-west-1", [["region", "eu-west-1"]], ["upper-case-key"]],
    ["regions = eu-west-1", [["regions", "eu-west-1"]], []],
    ["regio = eu-west-1", [["regio", "eu-west-1"]], []],
    ["region x = eu-west-1", [], []],
  ])("reads %j", (line, keys, warnings) => {
    expect(read(`[profile a]\n${line}\n`)).toEqual({ keys, warnings });
  });

  it("reads a known key with a sub-section, continuation lines and a comment", () => {
    expect(read("[profile a]\ns3 =\n  max_concurrent_requests = 20\nrole_arn = a # b\n")).toEqual({
      keys: [
        ["s3", "\nmax_concurrent_requests = 20"],
        ["role_arn", "a"],
      ],
      warnings: ["inline-comment"],
    });
  });
});
