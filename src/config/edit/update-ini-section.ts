import { assertWritableIni, type IniUpdates, type IniValue } from "./assert-writable-ini.js";
import { classifyIniLines, subPropertyKey, type IniLineKind } from "./classify-ini-lines.js";
import { findIniSections, type IniSectionRange } from "./find-ini-sections.js";
import { IniEdits } from "./ini-edits.js";
import {
  joinIniLines,
  lineEndingOf,
  pythonIndent,
  splitIniLines,
  type IniLine,
} from "./ini-lines.js";

/**
 * Sets keys in one section of a shared config or credentials file, the way `aws configure set`
 * (AWS CLI `ConfigFileWriter.update_config`) does, and returns the new text:
 *
 * - an existing `key = value` line is rewritten as `key = new` in place; every other line,
 *   comments and blank lines included, is kept byte-for-byte;
 * - a map value updates or adds `    sub = v` lines under `key =`;
 * - new keys go after the section's last key, or into a new `[section]` appended at the end;
 * - comments are never keys, whatever they contain, so blank lines and comments after a
 *   section's last key (usually heading the next section) stay below the keys added to it;
 * - `section` is the header text (`default`, `profile foo`); `[profile "foo"]` also matches.
 *
 * It differs from the CLI only where the CLI's output would not read back as written, or where
 * the CLI crashes (each case is marked "Unlike the CLI" below): keys match case-insensitively;
 * every copy of a key, in every section with this header, is updated; a replaced value's
 * continuation lines go with it; a key's indentation is kept; a new key never splits a multi-line
 * value or takes over an indented line below it; a comment never decides where keys go; nothing
 * is joined onto an unterminated last line; and scalar keys requested next to a sub-section
 * update are written, not dropped. Lines added use the file's own line ending (the CLI rewrites
 * CRLF files as LF).
 *
 * @throws ConfigError when a section name, key or value could not be written readably.
 */
export function updateIniSection(text: string, section: string, updates: IniUpdates): string {
  assertWritableIni(section, updates);
  const lines = splitIniLines(text);
  const kinds = classifyIniLines(lines);
  const edits = new IniEdits();
  const ranges = findIniSections(lines, kinds, section);
  if (ranges.length === 0) {
    edits.insert(lines.length, [`[${section}]`, ...renderEntries(Object.entries(updates), "")]);
  } else {
    planUpdate({ lines, kinds, edits }, ranges, updates);
  }
  return edits.isEmpty ? text : joinIniLines(edits.apply(lines, lineEndingOf(lines)));
}

interface FileContext {
  readonly lines: readonly IniLine[];
  readonly kinds: readonly IniLineKind[];
  readonly edits: IniEdits;
}

interface SectionContext extends FileContext {
  readonly range: IniSectionRange;
}

/**
 * Updates existing keys in every section with this header and adds missing keys to the first.
 * Unlike the CLI (first section, first match, case-sensitive): the CLI and the SDKs lower-case
 * keys, and the SDKs merge duplicate sections and let the last duplicate key win, so every
 * spelling and every copy of a key must get the new value for all of them to read it.
 */
function planUpdate(
  file: FileContext,
  ranges: readonly IniSectionRange[],
  updates: IniUpdates,
): void {
  const found = new Set<string>();
  let afterNested = 0;
  for (const [position, range] of ranges.entries()) {
    const nested = updateExistingKeys({ ...file, range }, updates, found);
    if (position === 0) afterNested = nested;
  }
  const missing = Object.entries(updates).filter(([key]) => !found.has(key));
  const first = ranges[0];
  if (missing.length === 0 || first === undefined) return;
  // New keys must not land before added sub-properties, or those would continue the new key.
  const position = Math.max(newKeyPosition({ ...file, range: first }), afterNested);
  file.edits.insert(position, renderEntries(missing, ""));
}

/** Rewrites the keys of one section that `updates` names; returns where sub-properties went. */
function updateExistingKeys(
  context: SectionContext,
  updates: IniUpdates,
  found: Set<string>,
): number {
  const byKey = new Map(Object.entries(updates).map((entry) => [entry[0].toLowerCase(), entry]));
  let afterNested = 0;
  for (let index = context.range.header + 1; index < context.range.end; index++) {
    const kind = context.kinds[index];
    const entry = kind?.kind === "property" ? byKey.get(kind.key.toLowerCase()) : undefined;
    if (kind?.kind !== "property" || entry === undefined) continue;
    const [key, value] = entry;
    found.add(key);
    if (typeof value === "string" || kind.value !== "") {
      replaceProperty(context, index, key, value);
    } else {
      afterNested = Math.max(afterNested, updateSubProperties(context, index, value));
    }
  }
  return afterNested;
}

/**
 * Rewrites a property as `key = value` (or `key =` plus sub-properties). Unlike the CLI, which
 * keeps the old continuation lines (so they would become part of the new value) and drops the
 * line's indentation (which can turn the next keys into continuations), we remove the former
 * and keep the latter.
 */
function replaceProperty(
  context: SectionContext,
  index: number,
  key: string,
  value: IniValue,
): void {
  const line = context.lines[index]?.text ?? "";
  const indent = line.slice(0, pythonIndent(line));
  const head = typeof value === "string" ? `${key} = ${value}` : `${key} =`;
  context.edits.replace(index, indent + head);
  for (const continuation of continuationsOf(context, index)) context.edits.remove(continuation);
  if (typeof value !== "string")
    context.edits.insert(index + 1, renderSubEntries(Object.entries(value)));
}

/** Updates `    sub = v` lines in place and adds the missing ones; returns where they went. */
function updateSubProperties(
  context: SectionContext,
  index: number,
  values: Readonly<Record<string, string>>,
): number {
  const wanted = new Map(Object.entries(values));
  const remaining = new Map(wanted);
  for (const continuation of continuationsOf(context, index)) {
    const text = context.lines[continuation]?.text ?? "";
    const sub = subPropertyKey(text);
    const value = sub === undefined ? undefined : wanted.get(sub);
    if (sub === undefined || value === undefined) continue;
    // The CLI re-indents with spaces, one per whitespace character it found.
    context.edits.replace(continuation, `${" ".repeat(pythonIndent(text))}${sub} = ${value}`);
    remaining.delete(sub);
  }
  const position = subPropertyPosition(context, index);
  context.edits.insert(position, renderSubEntries([...remaining]));
  return position;
}

/**
 * Where new sub-properties go: right after the value's last line, so they continue it for every
 * reader. Unlike the CLI, which passes blank and comment lines up to the next key or header
 * (putting them under a comment that heads the next section) but stops at a comment that looks
 * like a key at the key's indentation (`# name = x`), we go by line kinds alone.
 */
function subPropertyPosition(context: SectionContext, index: number): number {
  return (continuationsOf(context, index).at(-1) ?? index) + 1;
}

/**
 * Where new keys go: right after the section's last setting (a property and its continuation
 * lines), before the blank lines and comments that follow it. Unlike the CLI, whose
 * `OPTION_REGEX` also matches comments, a comment never counts as a setting: the CLI puts the
 * key below `# admin role: MFA` when that comment heads the next section.
 *
 * When the section runs to the end of the file the CLI inserts one line further down (an
 * off-by-one in `update_config` that its tests rely on) and ends the file with a newline first.
 * We do the same where only blank lines follow, so both tools write the same file, but not past
 * a comment: one at the end of the file stays at the end.
 */
function newKeyPosition(context: SectionContext): number {
  const { lines, kinds, range } = context;
  const last = lastSettingLine(context);
  let position = last + 1;
  if (range.end === lines.length) {
    context.edits.terminateLastLine();
    const onlyBlank = kinds.slice(position).every((kind) => kind.kind === "blank");
    if (onlyBlank) position = Math.min(last + 2, lines.length);
  }
  return pastIndentedLines(context, position);
}

/** The last property or continuation line of the section; its header if it has none. */
function lastSettingLine({ kinds, range }: SectionContext): number {
  for (let index = range.end - 1; index > range.header; index--) {
    const kind = kinds[index]?.kind;
    if (kind === "property" || kind === "continuation") return index;
  }
  return range.header;
}

/**
 * Moves an insertion point past indented lines that follow it (skipping blank and comment
 * lines): configparser would read them as the continuation of the key we insert. The CLI does
 * not check, and its new key then swallows them.
 */
function pastIndentedLines(context: SectionContext, position: number): number {
  let result = position;
  for (let index = position; index < context.lines.length; index++) {
    const kind = context.kinds[index]?.kind;
    if (kind === "blank" || kind === "comment") continue;
    if (kind === "header" || pythonIndent(context.lines[index]?.text ?? "") === 0) break;
    result = index + 1;
  }
  return result;
}

function continuationsOf(context: SectionContext, index: number): number[] {
  const result: number[] = [];
  for (let position = index + 1; position < context.range.end; position++) {
    const kind = context.kinds[position];
    if (kind?.kind === "continuation" && kind.property === index) result.push(position);
  }
  return result;
}

function renderEntries(
  entries: readonly (readonly [string, IniValue])[],
  indent: string,
): string[] {
  return entries.flatMap(([key, value]) =>
    typeof value === "string"
      ? [`${indent}${key} = ${value}`]
      : [`${indent}${key} =`, ...renderSubEntries(Object.entries(value))],
  );
}

function renderSubEntries(entries: readonly (readonly [string, string])[]): string[] {
  return entries.map(([key, value]) => `    ${key} = ${value}`);
}
