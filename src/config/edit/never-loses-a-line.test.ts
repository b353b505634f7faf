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

/** Asserts `kept` appear in `after` as a subsequence with identical text and endings. */
function expectSubsequence(kept: readonly GeneratedLine[], after: string, seed: number): void {
  const out = splitIniLines(after);
  let cursor = 0;
  for (const [position, line] of out.entries()) {
    const next = kept[cursor];
    if (next === undefined) break;
    const isLast = position === out.length - 1;
    // The only change allowed to a kept line: an unterminated last line may gain an ending.
    const sameEol = line.eol === next.eol || (next.eol === "" && !isLast);
    if (line.text === next.text && (sameEol || next.eol === "")) cursor++;
  }
  const missing = kept[cursor];
  expect(
    missing === undefined ? undefined : { seed, missing: missing.text, cursor },
  ).toBeUndefined();
}

describe("the editor never loses a line", () => {
  it(`updateIniSection keeps every line it does not mean to change, in order (${SEEDS} files)`, () => {
    let touched = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { file, section, updates } = randomCase(seed);
      const changeable = mayChange(file, section, updates);
      touched += changeable.size;
      const kept = file.lines.filter((_, index) => !changeable.has(index));
      expectSubsequence(kept, updateIniSection(file.text, section, updates), seed);
    }
    // The generator must actually exercise replacement, or this test proves little.
    expect(touched).toBeGreaterThan(SEEDS / 2);
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
