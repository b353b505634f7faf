import { pythonIndent, pythonStrip, type IniLine } from "./ini-lines.js";

/**
 * The role of one line as Python's `configparser` (the AWS CLI's reader) sees it. Structure
 * decides what an edit may touch: a `key = value` line indented under another property is part
 * of that property's value, not a key of the section.
 */
export type IniLineKind =
  | { readonly kind: "blank" }
  | { readonly kind: "comment" }
  | { readonly kind: "header" }
  /** `key = value` or `key: value`; `key` as written, trimmed; `value` trimmed. */
  | { readonly kind: "property"; readonly key: string; readonly value: string }
  /** An indented line that continues the value of the property on line `property`. */
  | { readonly kind: "continuation"; readonly property: number }
  /** A line configparser rejects (no `=`/`:`, or an empty key); left as it is. */
  | { readonly kind: "invalid" };

/**
 * Classifies every line with configparser's rules: a line is a continuation when a property is
 * open and it is indented deeper than the last header or property line; blank and comment lines
 * in between neither end the value nor reset the indentation. A line whose first non-blank
 * character is `#` or `;` is a comment whatever follows (`# role: admin`, `#key=value`,
 * `# [profile x]`), as it is for configparser, botocore and the SDKs' INI parser; everything that
 * edits a file must go by these kinds, never by what a line's text looks like.
 */
export function classifyIniLines(lines: readonly IniLine[]): IniLineKind[] {
  let openProperty: number | undefined;
  let indentLevel = 0;
  return lines.map((line, index): IniLineKind => {
    const stripped = pythonStrip(line.text);
    if (stripped === "") return { kind: "blank" };
    if (stripped.startsWith("#") || stripped.startsWith(";")) return { kind: "comment" };
    const indent = pythonIndent(line.text);
    if (openProperty !== undefined && indent > indentLevel) {
      return { kind: "continuation", property: openProperty };
    }
    indentLevel = indent;
    const kind = classifyStatement(stripped);
    // configparser keeps the open option across a line it cannot parse, but an empty key or a
    // header closes it.
    if (kind.kind === "property") openProperty = index;
    else if (kind.kind === "header" || stripped.search(/[:=]/) >= 0) openProperty = undefined;
    return kind;
  });
}

/** The key of a sub-property line (`    name = value`), split on `=` as botocore's `_parse_nested` does. */
export function subPropertyKey(text: string): string | undefined {
  const equals = text.indexOf("=");
  return equals < 0 ? undefined : pythonStrip(text.slice(0, equals));
}

function classifyStatement(stripped: string): IniLineKind {
  // configparser's SECTCRE `\[(?P<header>.+)\]`, matched against the stripped line.
  // JS `.` would also stop at U+2028/U+2029, which Python's does not.
  if (/^\[[^\n]+\]/.test(stripped)) return { kind: "header" };
  const delimiter = stripped.search(/[:=]/);
  const key = delimiter < 0 ? "" : pythonStrip(stripped.slice(0, delimiter));
  if (key === "") return { kind: "invalid" };
  return { kind: "property", key, value: pythonStrip(stripped.slice(delimiter + 1)) };
}
