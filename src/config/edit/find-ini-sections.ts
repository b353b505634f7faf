import { classifyIniLines, type IniLineKind } from "./classify-ini-lines.js";
import { pythonStrip, splitIniLines, type IniLine } from "./ini-lines.js";

/** A section's lines: its header at `header`, its body up to (not including) `end`. */
export interface IniSectionRange {
  readonly header: number;
  readonly end: number;
}

/**
 * Every section whose header names `section`, in file order, matched the way the CLI writer
 * matches: `[profile foo]` or `[profile "foo"]` for `profile foo`; anything may follow the `]`
 * (a comment). Unlike the CLI we also accept leading whitespace before `[`: configparser reads
 * such a line as that header, so missing it would make us append a duplicate section, which the
 * CLI then refuses to load.
 */
export function findIniSections(
  lines: readonly IniLine[],
  kinds: readonly IniLineKind[],
  section: string,
): IniSectionRange[] {
  const headers = kinds.flatMap((kind, index) => (kind.kind === "header" ? [index] : []));
  const wanted = headerSpellings(section);
  return headers.flatMap((header, position) => {
    const text = pythonStrip(lines[header]?.text ?? "");
    if (!wanted.some((spelling) => text.startsWith(spelling))) return [];
    return [{ header, end: headers[position + 1] ?? lines.length }];
  });
}

/** `[a b c]` and `[a "b c"]`: the split is on the first single space, as in the CLI. */
function headerSpellings(section: string): string[] {
  const space = section.indexOf(" ");
  if (space < 0) return [`[${section}]`];
  return [`[${section}]`, `[${section.slice(0, space)} "${section.slice(space + 1)}"]`];
}

/** Whether `text` has a `[section]` header, matched as {@link findIniSections} does. */
export function hasIniSection(text: string, section: string): boolean {
  const lines = splitIniLines(text);
  return findIniSections(lines, classifyIniLines(lines), section).length > 0;
}
