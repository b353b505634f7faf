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
      // The CLI writes `\tn = 1`, which continues `foo`.
      "never joins onto an unterminated last line",
      "[default]\nfoo = 1\n\t",
      { n: "1" },
      "[default]\nfoo = 1\n\t\nn = 1\n",
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
      "[default]\ns3 =\n    a = 1\n    b = 2\nn = 1\n\n[x]\n",
    ],
    ["finds an indented header", "  [default]\nfoo = 1\n", { foo: "2" }, "  [default]\nfoo = 2\n"],
  ];
  for (const [name, before, updates, after] of table) {
    it(name, () => {
      expect(updateIniSection(before, "default", updates)).toBe(after);
    });
  }
});

/**
 * Comments are never settings, whatever they contain: a line whose first non-blank character is
 * `#` or `;` is a comment to configparser, botocore and the SDKs. A comment after a section's
 * last setting (with or without a blank line) usually heads the next section, so a new key goes
 * right after the last setting and the blank lines and comments below it stay where they are.
 */
describe("updateIniSection: comments are never settings", () => {
  const table: readonly [
    name: string,
    before: string,
    section: string,
    updates: Record<string, string | Record<string, string>>,
    after: string,
  ][] = [
    [
      "a comment with `:` after a blank line heads the next section (the reported case)",
      "[profile u]\nregion = us-east-1\n\n# admin role: MFA\n[profile r]\nregion = us-east-1\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = us-east-1\noutput = json\n\n# admin role: MFA\n[profile r]\nregion = us-east-1\n",
    ],
    [
      "a comment with `:` right before the next header",
      "[profile u]\nregion = a\n# admin role: MFA\n[profile r]\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\noutput = json\n# admin role: MFA\n[profile r]\n",
    ],
    [
      "a `; note = x` comment",
      "[profile u]\nregion = a\n\n; note = x\n[profile r]\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\noutput = json\n\n; note = x\n[profile r]\n",
    ],
    [
      "a commented-out `#key=value`",
      "[profile u]\nregion = a\n#key=value\n[profile r]\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\noutput = json\n#key=value\n[profile r]\n",
    ],
    [
      "indented comments",
      "[profile u]\nregion = a\n\n   # admin: MFA\n\t; role = r\n[profile r]\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\noutput = json\n\n   # admin: MFA\n\t; role = r\n[profile r]\n",
    ],
    [
      "comments with `[` in them",
      "[profile u]\nregion = a\n#[profile u]\n# see [profile r]: admin = yes\n[profile r]\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\noutput = json\n#[profile u]\n# see [profile r]: admin = yes\n[profile r]\n",
    ],
    [
      "a section with no settings, only a comment that heads the next one",
      "[profile u]\n# admin role: MFA\n[profile r]\n",
      "profile u",
      { output: "json" },
      "[profile u]\noutput = json\n# admin role: MFA\n[profile r]\n",
    ],
    [
      "a comment between settings stays between them",
      "[profile u]\nregion = a\n# pager: off\ncli_pager =\n\n# admin: MFA\n[profile r]\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\n# pager: off\ncli_pager =\noutput = json\n\n# admin: MFA\n[profile r]\n",
    ],
    [
      "a comment at the very end of the file",
      "[profile u]\nregion = a\n\n# admin role: MFA\n",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\noutput = json\n\n# admin role: MFA\n",
    ],
    [
      "a comment on an unterminated last line",
      "[profile u]\nregion = a\n# end: x",
      "profile u",
      { output: "json" },
      "[profile u]\nregion = a\noutput = json\n# end: x\n",
    ],
    [
      "the last section in the file, ended by blank lines (the CLI's one-line-down placement)",
      "[profile r]\nregion = b\n\n[profile u]\nregion = a\n\n\n",
      "profile u",
      { output: "json" },
      "[profile r]\nregion = b\n\n[profile u]\nregion = a\n\noutput = json\n\n",
    ],
    [
      "the last section in the file, ending with its last setting",
      "# admin: MFA\n[profile u]\nregion = a",
      "profile u",
      { output: "json" },
      "# admin: MFA\n[profile u]\nregion = a\noutput = json\n",
    ],
    [
      "sub-properties go before the comment that heads the next section",
      "[default]\ns3 =\n    a = 1\n\n# heads x: y\n[x]\n",
      "default",
      { s3: { b: "2" } },
      "[default]\ns3 =\n    a = 1\n    b = 2\n\n# heads x: y\n[x]\n",
    ],
    [
      "sub-properties go after the value's last line, past a commented sub-key",
      "[default]\ns3 =\n    a = 1\n# b = old\n    c = 3\n",
      "default",
      { s3: { d: "4" } },
      "[default]\ns3 =\n    a = 1\n# b = old\n    c = 3\n    d = 4\n",
    ],
  ];
  for (const [name, before, section, updates, after] of table) {
    it(name, () => {
      expect(updateIniSection(before, section, updates)).toBe(after);
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
