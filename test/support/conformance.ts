import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The repository root, found from this file's place in it. */
export const repoRoot = resolve(import.meta.dirname, "../..");

/** The conformance corpus: upstream test vectors kept in the repository (see its README). */
export const conformanceRoot = resolve(repoRoot, "test/conformance/corpus");

/** Reads a JSON file of the conformance corpus. The caller states the shape it relies on. */
export function readConformanceJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(resolve(conformanceRoot, relativePath), "utf8"));
}
