import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { updateIniSection } from "./update-ini-section.js";

describe("updateIniSection: where it differs from the CLI so the result reads back", () => {
  const table: readonly [
    name: string,
    before: string,
    updates: Record<string, string | Record<string, string>>,
    after: string,
  ][] = [
    [
      "matches keys case-insensitively",
      "[default]\nRegion = a\n",
      { region: "b" },
      "[default]\nregion = b\n",
    ],
    [
      "updates every duplicate",
      "[default]\nregion = a\nregion = c\n",
      { region: "b" },
      "[default]\nregion = b\nregion = b\n",
    ],
    [
      "drops the old value's continuation lines",
      "[default]\nfoo = a\n  more\nbar = 1\n",
      { foo: "b" },
      "[default]\nfoo = b\nbar = 1\n",
    ],
    [
      "keeps a key's indentation",
      "[default]\n  foo = 1\n  bar = 2\n",
      { foo: "x" },
      "[default]\n  foo = x\n  bar = 2\n",
    ],
    [
      "never splits a continued value with a new key",
      "[default]\nfoo = a\n  b\n  c\n[x]\n",
      { n: "1" },
      "[default]\nfoo = a\n  b\n  c\nn = 1\n[x]\n",
    ],
    [
      "never joins onto an unterminated last line",
      "[default]\nfoo = 1\n# c",
      { n: "1" },
      "[default]\nfoo = 1\n# c\nn = 1\n",
    ],
    [
      "does not treat a sub-property as a top-level key",
      "[default]\ns3 =\n    region = a\n",
      { region: "b" },
      "[default]\ns3 =\n    region = a\nregion = b\n",
    ],
    [
      "adds a sub-property after `key =` at the end of the file",
      "[default]\ns3 =",
      { s3: { a: "1" } },
      "[default]\ns3 =\n    a = 1\n",
    ],
    [
      "keeps scalar updates that follow a nested one",
      "[default]\ns3 =\n    a = 1\nfoo = 1\n",
      { s3: { a: "2" }, foo: "2", bar: "3" },
      "[default]\ns3 =\n    a = 2\nfoo = 2\nbar = 3\n",
    ],
    [
      "adds new keys after new sub-properties",
      "[default]\ns3 =\n    a = 1\n\n[x]\n",
      { s3: { b: "2" }, n: "1" },
      "[default]\ns3 =\n    a = 1\n\n    b = 2\nn = 1\n[x]\n",
    ],
    ["finds an indented header", "  [default]\nfoo = 1\n", { foo: "2" }, "  [default]\nfoo = 2\n"],
  ];
  for (const [name, before, updates, after] of table) {
    it(name, () => {
      expect(updateIniSection(before, "default", updates)).toBe(after);
    });
  }
});

describe("updateIniSection: line endings", () => {
  it("keeps CRLF and uses it for added lines", () => {
    const before = "[default]\r\nfoo = 1\r\n\r\n[profile x]\r\nbar = 2\r\n";
    expect(updateIniSection(before, "default", { foo: "3", baz: "4" })).toBe(
      "[default]\r\nfoo = 3\r\nbaz = 4\r\n\r\n[profile x]\r\nbar = 2\r\n",
    );
    expect(updateIniSection(before, "profile y", { a: "b" })).toBe(
      `${before}[profile y]\r\na = b\r\n`,
    );
  });

  it("keeps a missing final newline when it adds nothing at the end", () => {
    expect(updateIniSection("[default]\nfoo = 1\nbar = 2", "default", { foo: "3" })).toBe(
      "[default]\nfoo = 3\nbar = 2",
    );
  });

  it("returns the same text when nothing changes", () => {
    const text = "[default]\r\nfoo = 1";
    expect(updateIniSection(text, "default", {})).toBe(text);
  });
});

describe("updateIniSection: rejected input", () => {
  const bad: readonly [string, string, Record<string, string | Record<string, string>>][] = [
    ["a value with LF", "default", { foo: "a\nb" }],
    ["a value with CR", "default", { foo: "a\rb" }],
    ["a sub-value with LF", "default", { s3: { a: "x\ny" } }],
    ["a key with =", "default", { "a=b": "1" }],
    ["a key with surrounding space", "default", { " a": "1" }],
    ["a key starting with #", "default", { "#a": "1" }],
    ["two keys differing in case", "default", { a: "1", A: "2" }],
    ["a section with ]", "a]b", { a: "1" }],
    ["an empty section", "", { a: "1" }],
  ];
  for (const [name, section, updates] of bad) {
    it(`rejects ${name}`, () => {
      expect(() => updateIniSection("[default]\n", section, updates)).toThrow(ConfigError);
    });
  }

  it("never puts the rejected value in the message", () => {
    expect(() =>
      updateIniSection("", "default", { aws_secret_access_key: "SECRET-FAKE\n" }),
    ).toThrow(/^(?!.*SECRET-FAKE).*aws_secret_access_key/);
  });
});
