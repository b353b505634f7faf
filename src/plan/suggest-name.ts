import { closest, distance } from "fastest-levenshtein";

/**
 * The candidate closest to a mistyped `name`, or `undefined` when none is close enough to be a
 * plausible typo (about one edit in three characters, at least two).
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(name, candidates);
  const limit = Math.max(2, Math.floor(name.length / 3));
  return distance(name, best) <= limit ? best : undefined;
}
