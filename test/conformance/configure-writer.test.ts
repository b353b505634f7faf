import { describe, expect, it } from "vitest";
import { updateIniSection } from "../../src/config/edit/update-ini-section.js";
import { readConformanceJson } from "../support/conformance.js";

const vectorsFile = "aws-cli/configure-writer-cases.json";

interface WriterCase {
  readonly test: string;
  readonly original: string | null;
  readonly update: Readonly<Record<string, string | Readonly<Record<string, string>>>>;
  readonly expected: string;
}

function loadCases(): WriterCase[] {
  const parsed = readConformanceJson(vectorsFile);
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    !("cases" in parsed) ||
    !Array.isArray(parsed.cases)
  ) {
    throw new Error(`${vectorsFile} has no "cases" array`);
  }
  return parsed.cases.map((item: unknown, index) => {
    if (!isWriterCase(item))
      throw new Error(`${vectorsFile}: case ${index} is not {test, original, update, expected}`);
    return item;
  });
}

function isWriterCase(item: unknown): item is WriterCase {
  return (
    typeof item === "object" &&
    item !== null &&
    "test" in item &&
    typeof item.test === "string" &&
    "original" in item &&
    (typeof item.original === "string" || item.original === null) &&
    "update" in item &&
    typeof item.update === "object" &&
    item.update !== null &&
    "expected" in item &&
    typeof item.expected === "string"
  );
}

const cases = loadCases();

describe("aws-cli configure-writer", () => {
  for (const vector of cases) {
    it(vector.test, () => {
      const { __section__: section = "default", ...updates } = vector.update;
      if (typeof section !== "string") throw new Error("__section__ must be a string");
      expect(updateIniSection(vector.original ?? "", section, updates)).toBe(vector.expected);
    });
  }
});
