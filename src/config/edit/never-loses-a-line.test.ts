import { describe, expect, it } from "vitest";
import { splitIniLines } from "./ini-lines.js";
import {
  randomIniFile,
  randomIniUpdate,
  randomIniUpdateFor,
  seededRandom,
  type GeneratedFile,
  type GeneratedLine,
} from "../../../test/support/random-ini-file.js";
import { removeIniKeys } from "./remove-ini-keys.js";
import { updateIniSection } from "./update-ini-section.js";

const SEEDS = 600;

/** Half the updates aim at keys the file has, half are arbitrary (mostly new keys and sections). */
function randomCase(seed: number): { file: GeneratedFile; section: string; updates: Updates } {
  const random = seededRandom(seed);
  const file = randomIniFile(random, { crlf: true });
  return { file, ...(random() < 0.5 ? randomIniUpdateFor(file, random) : randomIniUpdate(random)) };
}

type Updates = Readonly<Record<string, string | Readonly<Record<string, string>>>>;

/**
 * Which generated lines an update is allowed to rewrite or drop, worked out from the roles the
 * generator gave them (not from the editor's own parsing): the key lines it sets in the target
 * section, their continuation lines (a new scalar replaces the whole value), and the sub-lines
 * of a sub-section whose sub-keys it sets.
 */
function mayChange(file: GeneratedFile, section: string, updates: Updates): Set<number> {
  const wanted = new Map(Object.entries(updates).map(([key, value]) => [key.toLowerCase(), value]));
  const result = new Set<number>();
  let inTarget = false;
  for (const [index, line] of file.lines.entries()) {
    const role = line.role;
    if (role.kind === "header") inTarget = role.section === section;
    if (!inTarget || role.kind === "header" || role.kind === "other") continue;
    const value = wanted.get(role.key.toLowerCase());
    if (value === undefined) continue;
    if (role.kind === "property") result.add(index);
    const replacesWhole =
      typeof value === "string" || !isEmptyValueLine(file.lines, index, role.key);
    if (
      role.kind === "continuation" &&
      (replacesWhole || (role.sub !== undefined && role.sub in value))
    ) {
      result.add(index);
    }
  }
  return result;
}

/** Whether the property owning a continuation at `index` was written as `key =` (a sub-section). */
function isEmptyValueLine(lines: readonly GeneratedLine[], index: number, key: string): boolean {
  for (let i = index; i >= 0; i--) {
    const role = lines[i]?.role;
    if (role?.kind === "property" && role.key === key) return role.nested;
  }
  return false;
}

/**
 * Lines the update must keep as they are: every generated line but those {@link mayChange} allows.
 */
function keptLines(file: GeneratedFile, section: string, updates: Updates): number[] {
  const changeable = mayChange(file, section, updates);
  return file.lines.flatMap((_, index) => (changeable.has(index) ? [] : [index]));
}

/**
 * Matches the kept input lines, in order, against the output lines: `source[p]` is the input
 * line that output line `p` is, or `undefined` for a line the edit wrote; `missing` is the first
 * kept line not found in order. The only change allowed to a kept line: an unterminated last line
 * may gain an ending. Matching greedily cannot mistake a written line for a kept one here: in a
 * generated file no kept line has the text of a line the update writes (a kept key is never one
 * the update sets, and the generator's values are not the ones updates write).
 */
function alignOutput(
  file: GeneratedFile,
  kept: readonly number[],
  after: string,
): { source: (number | undefined)[]; missing: GeneratedLine | undefined } {
  let cursor = 0;
  const source = splitIniLines(after).map((line) => {
    const index = kept[cursor];
    const next = index === undefined ? undefined : file.lines[index];
    if (next === undefined || line.text !== next.text) return undefined;
    if (line.eol !== next.eol && next.eol !== "") return undefined;
    cursor++;
    return index;
  });
  const missingIndex = kept[cursor];
  return { source, missing: missingIndex === undefined ? undefined : file.lines[missingIndex] };
}

/** Asserts the kept lines appear in `after` in their order, with identical text and endings. */
function expectSubsequence(
  file: GeneratedFile,
  kept: readonly number[],
  after: string,
  seed: number,
): void {
  const { missing } = alignOutput(file, kept, after);
  expect(missing === undefined ? undefined : { seed, missing: missing.text }).toBeUndefined();
}

/**
 * Where an update may write lines (new keys and sub-properties, rewritten keys, a new section),
 * as windows of input line numbers: a written line lands in window `{ from, to }` when the kept
 * line before it in the output is input line `from` or later and the kept line after it is input
 * line `to` or earlier. There is one window for each section with the target header ("inside"
 * that section):
 *
 * - `from` is the header: nothing is written above it or into an earlier section;
 * - `to` is the line after the section's last setting (its last property or continuation line,
 *   or the header when it has none), so nothing is written among or below the blank lines and
 *   comments that follow that setting: they head the next section. In the last section of the
 *   file `to` is the end of the file when only blank lines follow the last setting (the CLI
 *   writes one line further down there, and so do we).
 *
 * With no section of that name the only window is after the last input line (a new section).
 * `guarded` says whether a comment follows the first section's last setting, i.e. whether the
 * case exercises the rule this window enforces.
 */
function placementWindows(
  file: GeneratedFile,
  section: string,
): { windows: { from: number; to: number }[]; guarded: boolean } {
  const headers = file.lines.flatMap((line, index) => (line.role.kind === "header" ? [index] : []));
  const windows: { from: number; to: number }[] = [];
  let guarded = false;
  for (const [position, header] of headers.entries()) {
    const role = file.lines[header]?.role;
    if (role?.kind !== "header" || role.section !== section) continue;
    const end = headers[position + 1] ?? file.lines.length;
    let last = header;
    for (let index = header + 1; index < end; index++) {
      const kind = file.lines[index]?.role.kind;
      if (kind === "property" || kind === "continuation") last = index;
    }
    const trailing = file.lines.slice(last + 1, end);
    const hasComment = trailing.some((line) => line.text.trim() !== "");
    if (windows.length === 0) guarded = hasComment;
    const onlyBlankToEnd = end === file.lines.length && !hasComment;
    windows.push({ from: header, to: onlyBlankToEnd ? end : last + 1 });
  }
  if (windows.length === 0) {
    windows.push({ from: file.lines.length - 1, to: file.lines.length });
  }
  return { windows, guarded };
}

/**
 * Asserts every line the edit wrote lands in one of the windows, and returns how many it wrote.
 */
function expectPlacement(
  file: GeneratedFile,
  source: readonly (number | undefined)[],
  windows: readonly { from: number; to: number }[],
  seed: number,
): number {
  let written = 0;
  let before = -1;
  for (const [position, index] of source.entries()) {
    if (index !== undefined) {
      before = index;
      continue;
    }
    written++;
    const after =
      source.slice(position + 1).find((next) => next !== undefined) ?? file.lines.length;
    const inside = windows.some((window) => before >= window.from && after <= window.to);
    expect(
      inside ? undefined : { seed, position, between: [before, after], windows, file: file.text },
    ).toBeUndefined();
  }
  return written;
}

describe("the editor never loses a line", () => {
  it(`updateIniSection keeps every line it does not mean to change, in order (${SEEDS} files)`, () => {
    let touched = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { file, section, updates } = randomCase(seed);
      touched += mayChange(file, section, updates).size;
      const kept = keptLines(file, section, updates);
      expectSubsequence(file, kept, updateIniSection(file.text, section, updates), seed);
    }
    // The generator must actually exercise replacement, or this test proves little.
    expect(touched).toBeGreaterThan(SEEDS / 2);
  });

  it(`updateIniSection writes only inside the target section, above the comments after its last setting (${SEEDS} files)`, () => {
    let guardedWrites = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { file, section, updates } = randomCase(seed);
      const kept = keptLines(file, section, updates);
      const after = updateIniSection(file.text, section, updates);
      const { source, missing } = alignOutput(file, kept, after);
      // Every pre-existing line that stays keeps its relative order...
      expect(missing === undefined ? undefined : { seed, missing: missing.text }).toBeUndefined();
      // ...and every line written lands inside the section, above its trailing comments.
      const { windows, guarded } = placementWindows(file, section);
      const written = expectPlacement(file, source, windows, seed);
      const added = written > file.lines.length - kept.length;
      if (guarded && added) guardedWrites++;
    }
    // Enough cases must add lines to a section whose last setting has a comment below it.
    expect(guardedWrites).toBeGreaterThan(SEEDS / 10);
  });

  it("updateIniSection adds only the lines it was asked to write", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { file, section, updates } = randomCase(seed);
      const before = new Set(file.lines.map((line) => line.text));
      const allowed = new Set([`[${section}]`]);
      for (const [key, value] of Object.entries(updates)) {
        if (typeof value === "string") allowed.add(`${key} = ${value}`);
        else {
          allowed.add(`${key} =`);
          for (const [sub, subValue] of Object.entries(value)) allowed.add(`${sub} = ${subValue}`);
        }
      }
      const added = splitIniLines(updateIniSection(file.text, section, updates))
        .map((line) => line.text)
        .filter((text) => !before.has(text) && !allowed.has(text.trim()));
      expect({ seed, added }).toEqual({ seed, added: [] });
    }
  });

  it("updateIniSection uses the file's line ending for every line it writes", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { file, section, updates } = randomCase(seed);
      const eol = file.lines.find((line) => line.eol !== "")?.eol ?? "\n";
      const endings = new Set(
        splitIniLines(updateIniSection(file.text, section, updates)).map((line) => line.eol),
      );
      endings.delete("");
      expect({ seed, endings: [...endings] }).toEqual({ seed, endings: [eol] });
    }
  });

  it(`removeIniKeys drops exactly the keys and their continuation lines (${SEEDS} files)`, () => {
    const keys = ["aws_access_key_id", "aws_secret_access_key", "region"];
    const asUpdates = Object.fromEntries(keys.map((key) => [key, "x"]));
    let removed = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = seededRandom(seed);
      const file = randomIniFile(random, { crlf: true });
      const { section } = randomIniUpdate(random);
      const drop = mayChange(file, section, asUpdates);
      removed += drop.size;
      const expected = file.lines
        .filter((_, index) => !drop.has(index))
        .map((line) => line.text + line.eol)
        .join("");
      expect({ seed, text: removeIniKeys(file.text, section, keys) }).toEqual({
        seed,
        text: expected,
      });
    }
    expect(removed).toBeGreaterThan(SEEDS / 10);
  });
});
