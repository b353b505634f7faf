import type { Finding, FindingStatus } from "../../app/doctor/finding.js";
import type { DoctorSection } from "../../app/doctor/run-doctor.js";
import { formatTable } from "./format-table.js";
import { plain, type Style } from "./style.js";

const marks: Readonly<Record<FindingStatus, string>> = { ok: "✓", warn: "!", fail: "✗" };

/** A finding's mark, in its colour. */
function mark(status: FindingStatus, style: Style): string {
  return style(status, marks[status]);
}

/** One line per finding, `✓`, `!` or `✗`, its fix indented below it. */
export function formatFindings(findings: readonly Finding[], style: Style = plain): string {
  return findings
    .map(
      (f) =>
        `${mark(f.status, style)} ${f.message}\n${f.fix === undefined || f.status === "ok" ? "" : `    ${style("hint", "fix:")} ${f.fix}\n`}`,
    )
    .join("");
}

/** Each section under its title, and a closing count. */
export function formatSections(sections: readonly DoctorSection[], style: Style = plain): string {
  const body = sections
    .map((s) => `${style("strong", s.title)}\n${formatFindings(s.findings, style)}`)
    .join("\n");
  const all = sections.flatMap((s) => s.findings);
  const count = (status: FindingStatus) =>
    `${String(all.filter((f) => f.status === status).length)} ${mark(status, style)}`;
  return `${body}\n${count("ok")}, ${count("warn")}, ${count("fail")}\n`;
}

/** The sections as JSON, for scripts (fixes included; no secret is in any of them). */
export function sectionsToJson(sections: readonly DoctorSection[], exitCode: number): string {
  return `${JSON.stringify({ ok: exitCode === 0, sections }, null, 2)}\n`;
}

/**
 * Findings as a table of the questions they answer (`iam check`): the mark, the question, the
 * answer; the fixes of those not ✓ follow, numbered.
 */
export function formatQuestions(
  findings: readonly Finding[],
  question: (finding: Finding) => string,
  style: Style = plain,
): string {
  const fixes: string[] = [];
  const rows = findings.map((f) => {
    const fix = f.status !== "ok" && f.fix !== undefined ? ` [${String(fixes.push(f.fix))}]` : "";
    // Every mark of the column is styled alike, so the escapes do not upset its width.
    return [mark(f.status, style), question(f), `${f.message}${fix}`];
  });
  const notes = fixes.map((fix, index) => `[${String(index + 1)}] fix: ${fix}\n`).join("");
  return `${formatTable(["", "QUESTION", "ANSWER"], rows)}${notes === "" ? "" : `\n${notes}`}`;
}
