/**
 * How well `query` matches `text` as a fuzzy subsequence (its characters in order, case
 * ignored), higher is better; `undefined` when it does not match. Runs of consecutive
 * characters and matches at the start of a word (after `-`, `_`, `.`, `/`, `:`, `@`, a space,
 * or at a lower-to-upper case change) count most, characters skipped between matches count
 * against: `adm` matches `admin` better than `sandbox-dev-mgmt`.
 *
 * Written here because the prompt library filters by substring only and no fuzzy matcher is a
 * dependency; each start of the first character is tried, so the best alignment is found for
 * the short texts of a profile list.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const wanted = query.toLowerCase();
  const lower = text.toLowerCase();
  if (wanted === "") return 0;
  let best: number | undefined;
  for (let start = lower.indexOf(wanted[0] ?? ""); start !== -1;) {
    const score = scoreFrom(wanted, text, lower, start);
    if (score === undefined) break;
    if (best === undefined || score > best) best = score;
    start = lower.indexOf(wanted[0] ?? "", start + 1);
  }
  return best;
}

const consecutiveBonus = 5;
const wordStartBonus = 4;
const separators = new Set(["-", "_", ".", "/", ":", "@", " "]);

/** The greedy match of `wanted` in `lower` from `start`, scored; undefined when it runs out. */
function scoreFrom(wanted: string, text: string, lower: string, start: number): number | undefined {
  let score = 0;
  let previous = -1;
  let at = start;
  for (const char of wanted) {
    at = lower.indexOf(char, at);
    if (at === -1) return undefined;
    score += 1;
    if (previous !== -1 && at === previous + 1) score += consecutiveBonus;
    else if (previous !== -1) score -= Math.min(at - previous - 1, 5);
    if (isWordStart(text, at)) score += wordStartBonus;
    previous = at;
    at += 1;
  }
  return score - Math.min(start, 3) * 0.5;
}

function isWordStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text[at - 1] ?? "";
  const char = text[at] ?? "";
  if (separators.has(before)) return true;
  return before === before.toLowerCase() && char !== char.toLowerCase();
}
