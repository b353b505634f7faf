/**
 * Test support (imported only by tests): seeded random shared-config files full of what an editor
 * must not disturb — comments (some that look like settings or headers, some heading the next
 * section), blank and whitespace-only lines, unrelated and quoted sections, sub-sections,
 * continuation lines, odd spacing, CRLF, a missing final newline. Every line carries the role it
 * was generated for, so a test can tell which lines an edit may touch without asking the code
 * under test.
 */

/** What a generated line is, by construction. `section` is the header as the editor names it. */
export type LineRole =
  | { readonly kind: "header"; readonly section: string }
  | { readonly kind: "property"; readonly key: string; readonly nested: boolean }
  /** A continuation of the property `key`; `sub` is set for `sub = value` lines of a sub-section. */
  | { readonly kind: "continuation"; readonly key: string; readonly sub?: string }
  | { readonly kind: "other" };

/** One generated line; `eol` is `""` only for an unterminated last line. */
export interface GeneratedLine {
  readonly text: string;
  readonly eol: string;
  readonly role: LineRole;
}

/** A generated file: its lines with roles, and the text they make. */
export interface GeneratedFile {
  readonly lines: readonly GeneratedLine[];
  readonly text: string;
}

/** A deterministic pseudo-random source (mulberry32), so a failing case can be replayed by seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random choice helper bound to one source. */
export function picker(random: () => number): <T>(items: readonly T[]) => T {
  return (items) => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
}

/** Header spellings and the section name the editor uses for each. */
const HEADERS: readonly (readonly [string, string])[] = [
  ["[default]", "default"],
  ["[profile foo]", "profile foo"],
  ['[profile "foo"]', "profile foo"],
  ["[profile bar] # work account", "profile bar"],
  ['[profile "my dev"]', "profile my dev"],
  ["[profile  foo]", "profile  foo"],
  ["[sso-session corp]", "sso-session corp"],
  ["[plugins]", "plugins"],
];

const KEYS = [
  "region",
  "Region",
  "output",
  "foo",
  "bar",
  "role_arn",
  "aws_access_key_id",
  "s3",
  "AWS_SECRET_ACCESS_KEY",
];
const VALUES = [
  "us-east-1",
  "json",
  "old value # kept by the CLI",
  "a=b",
  "x:y",
  "ünïcödé ✓",
  "arn:aws:iam::123456789012:role/Test",
];
const SPACINGS = ["%k = %v", "%k=%v", "%k   =   %v", "%k: %v", "%k =\t%v"];
/** Comments that look like settings (`:`, `=`) or headers (`[`), indented or not. */
const TRICKY_COMMENTS = [
  "#foo = commented",
  "   # indented = comment",
  "# see https://example.com/?a=b",
  "# admin role: MFA",
  "; note = x",
  "#key=value",
  "\t; indented: a = b",
  "# [profile foo] moved: see below",
  "#[default]",
];
const COMMENTS = ["# a comment", "; semicolon", ...TRICKY_COMMENTS, "", "", "   ", "\t"];
const SUB_KEYS = ["signature_version", "addressing_style", "max_concurrent_requests"];

/** A random file of a few sections; `crlf` allows CRLF endings (the Python CLI rewrites them). */
export function randomIniFile(
  random: () => number,
  options: { readonly crlf: boolean },
): GeneratedFile {
  const pick = picker(random);
  const eol = options.crlf && random() < 0.3 ? "\r\n" : "\n";
  const roles: [string, LineRole][] = [];
  const other = (text: string): void => {
    roles.push([text, { kind: "other" }]);
  };
  if (random() < 0.3) other(pick(COMMENTS));
  const sections = Math.floor(random() * 5);
  for (let s = 0; s < sections; s++) {
    const [header, section] = pick(HEADERS);
    roles.push([header, { kind: "header", section }]);
    const items = Math.floor(random() * 6);
    for (let i = 0; i < items; i++) {
      if (random() < 0.3) {
        other(pick(COMMENTS));
        continue;
      }
      const key = pick(KEYS);
      const nested = key === "s3" && random() < 0.8;
      const spacing = pick(SPACINGS).replace("%k", key);
      roles.push([
        nested ? `${key} =` : spacing.replace("%v", pick(VALUES)),
        { kind: "property", key, nested },
      ]);
      const continuations = random() < 0.3 || nested ? Math.floor(random() * 3) : 0;
      for (let c = 0; c < continuations; c++) {
        if (random() < 0.2) other(pick(COMMENTS));
        if (nested) {
          const sub = pick(SUB_KEYS);
          roles.push([
            `${pick(["    ", "  ", "\t"])}${sub} = ${pick(VALUES)}`,
            { kind: "continuation", key, sub },
          ]);
        } else {
          roles.push([
            `${pick(["  ", "\t", "    "])}continued ${c}`,
            { kind: "continuation", key },
          ]);
        }
      }
    }
    // A comment block that heads the next section (or ends the file), with or without a blank
    // line above it: where an edit must not put the keys it adds to this section.
    if (random() < 0.4) {
      if (random() < 0.5) other(pick(["", "   "]));
      other(pick(TRICKY_COMMENTS));
      if (random() < 0.3) other(pick(TRICKY_COMMENTS));
    }
  }
  // An empty last line without an ending is no line at all, so only a non-empty one may lack it.
  const unterminated = (roles.at(-1)?.[0] ?? "") !== "" && random() < 0.3;
  const lines = roles.map(([text, role], index) => ({
    text,
    role,
    eol: unterminated && index === roles.length - 1 ? "" : eol,
  }));
  return { lines, text: lines.map((line) => line.text + line.eol).join("") };
}

/** A random update for {@link randomIniFile} files: a section name and keys to set. */
export function randomIniUpdate(random: () => number): {
  section: string;
  updates: Record<string, string | Record<string, string>>;
} {
  const pick = picker(random);
  const section = pick([
    "default",
    "profile foo",
    "profile bar",
    "profile my dev",
    "profile new",
    "plugins",
  ]);
  const updates: Record<string, string | Record<string, string>> = {};
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const key = pick([
      "region",
      "output",
      "foo",
      "new_key",
      "s3",
      "s3",
      "aws_access_key_id",
      "aws_secret_access_key",
    ]);
    updates[key] =
      key === "s3"
        ? { [pick([...SUB_KEYS, "new_sub"])]: pick(["v4", "path", "x"]) }
        : pick(["us-west-2", "new value", "a=b", "x:y", "[b]", "EXAMPLEFAKE"]);
  }
  return { section, updates };
}

/**
 * A random update aimed at what `file` contains: one of its sections and some of that section's
 * keys (and sub-keys), plus sometimes a new key, so replacement paths get exercised.
 */
export function randomIniUpdateFor(
  file: GeneratedFile,
  random: () => number,
): { section: string; updates: Record<string, string | Record<string, string>> } {
  const pick = picker(random);
  const sections = file.lines.flatMap((line) =>
    line.role.kind === "header" ? [line.role.section] : [],
  );
  if (sections.length === 0) return randomIniUpdate(random);
  const section = pick(sections);
  const keys: string[] = [];
  const subs = new Set<string>(["new_sub"]);
  let inSection = false;
  for (const { role } of file.lines) {
    if (role.kind === "header") inSection = role.section === section;
    else if (inSection && role.kind === "property") keys.push(role.key.toLowerCase());
    else if (inSection && role.kind === "continuation" && role.sub !== undefined)
      subs.add(role.sub);
  }
  const updates: Record<string, string | Record<string, string>> = {};
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const key = keys.length > 0 && random() < 0.8 ? pick(keys) : pick(["new_key", "s3"]);
    updates[key] =
      key === "s3" && random() < 0.7 ? { [pick([...subs])]: "updated" } : pick(["updated", "a=b"]);
  }
  return { section, updates };
}
