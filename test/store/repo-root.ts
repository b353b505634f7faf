import path from "node:path";

/** The repository root, found from this file's place in it. */
export const repoRoot = path.resolve(import.meta.dirname, "../..");
