import { classifyIniLines } from "./classify-ini-lines.js";
import { findIniSections } from "./find-ini-sections.js";
import { IniEdits } from "./ini-edits.js";
import { joinIniLines, lineEndingOf, splitIniLines } from "./ini-lines.js";

/**
 * Deletes the given keys from a section (`default`, `profile foo`; `[profile "foo"]` matches
 * too) and returns the new text. Only each property's own line and its continuation lines go;
 * comments, blank lines and everything else stay byte-for-byte. Keys match case-insensitively
 * and in every section with that header, because readers lower-case keys and the SDKs merge
 * duplicate sections: a stray `AWS_SECRET_ACCESS_KEY` line or second `[default]` would
 * otherwise keep a secret that was meant to be removed. A missing section or key is not an error.
 */
export function removeIniKeys(text: string, section: string, keys: readonly string[]): string {
  const wanted = new Set(keys.map((key) => key.toLowerCase()));
  const lines = splitIniLines(text);
  const kinds = classifyIniLines(lines);
  const edits = new IniEdits();
  const removed = new Set<number>();
  for (const range of findIniSections(lines, kinds, section)) {
    for (let index = range.header + 1; index < range.end; index++) {
      const kind = kinds[index];
      if (kind?.kind === "property" && wanted.has(kind.key.toLowerCase())) removed.add(index);
      if (kind?.kind === "continuation" && removed.has(kind.property)) removed.add(index);
    }
  }
  for (const index of removed) edits.remove(index);
  return edits.isEmpty ? text : joinIniLines(edits.apply(lines, lineEndingOf(lines)));
}
