import { describe, expect, it } from "vitest";
import { parseIniSections } from "./parse-ini-sections.js";

/** The sections of `text` as plain data: header and `key → value` in file order. */
function read(text: string): [string, [string, string][]][] {
  return parseIniSections(text, "config").sections.map((section) => [
    section.header,
    section.properties.map((property) => [property.key, property.value]),
  ]);
}

// Lines are read in place: only their header, key and value are copied out, each trimmed.
describe("parseIniSections reads lines in place", () => {
  it("drops the carriage return of CRLF lines from headers, keys and values", () => {
    expect(read("[profile a]\r\nregion = eu-west-1\r\n\r\n[b]\r\nk=v\r\n")).toEqual([
      ["profile a", [["region", "eu-west-1"]]],
      ["b", [["k", "v"]]],
    ]);
  });

  it("trims whitespace beyond ASCII around keys and values, and keeps it inside", () => {
    expect(read("[a]\nk\u00a0= \u2028v\u00a0w\ufeff\n")).toEqual([["a", [["k", "v\u00a0w"]]]]);
  });

  it("reads a key after a form feed and a header with spaces inside its brackets", () => {
    expect(read("[ profile  x ]\n\fk\v= \tv\t\n")).toEqual([["profile  x", [["k", "v"]]]]);
  });

  // `key = value` with one space around the '=' is cut out without a trim; anything else is trimmed.
  it.each([
    ["k = v\n", "k", "v"],
    ["k = v \r\n", "k", "v"],
    ["k  =  v  \n", "k", "v"],
    ["k = \u00e9\n", "k", "\u00e9"],
    ["k = v\u00a0\n", "k", "v"],
    ["\u00e9 = v\n", "", ""],
    ["k = =\n", "k", "="],
    ["k =\r\n", "k", ""],
  ])("reads %j as key %j and value %j", (line, key, value) => {
    const properties = key === "" ? [] : [[key, value]];
    expect(read(`[a]\n${line}`)).toEqual([["a", properties]]);
  });

  it("keeps a value that ends where the file ends, with no newline", () => {
    expect(read("[a]\nk = last")).toEqual([["a", [["k", "last"]]]]);
  });

  it("looks for ']' and '=' on the line itself, not on a later line", () => {
    expect(() => read("[a\n[b]\n")).toThrow(/^config:1: Section definition must end with '\]'/);
    expect(() => read("[a]\nno equals\nk = v\n")).toThrow(/^config:2: Expected an '=' sign/);
  });
});
