import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  identityPolicyColumns,
  identityPolicyTable,
  markdownTable,
  roleTrustTable,
} from "../../src/iam/policy-table.js";
import { repoRoot } from "../support/conformance.js";

// The README's table of what each generated policy allows is the evaluator's, row for row.

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

/** The body rows of a Markdown table, cells trimmed (prettier pads them). */
function rows(table: string): string[][] {
  return table
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

/** The README's table that starts with `header`'s first cell. */
function readmeTable(firstHeader: string): string[][] {
  const start = readme.indexOf(`| ${firstHeader}`);
  expect(start, firstHeader).toBeGreaterThan(0);
  const end = readme.indexOf("\n\n", start);
  return rows(readme.slice(start, end));
}

describe("the README's table of the generated policies", () => {
  const now = new Date();

  it("is what the evaluator finds for each identity policy, without and with MFA", () => {
    const headers = [
      "request (without MFA / with MFA)",
      ...identityPolicyColumns.map(([name]) => `\`${name}\``),
    ];
    expect(readmeTable(headers[0] ?? "")).toEqual(
      rows(markdownTable(headers, identityPolicyTable(now))),
    );
  });

  it("is what the evaluator finds for the role-trust policy", () => {
    const header =
      "who assumes a role with `role-trust --account-id 123456789012` (without MFA / with MFA)";
    expect(readmeTable(header)).toEqual(
      rows(markdownTable([header, "allowed"], roleTrustTable(now))),
    );
  });
});
