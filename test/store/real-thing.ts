// The rule for tests that need a real tool or service (Secret Service, age, pass/gpg): run when
// it is there; skip with the reason shown when it is not; fail in CI, where .ci/run installs it.
import { describe, it } from "vitest";

/**
 * Declares `body` under `title` when `missing` is undefined. Otherwise skips it visibly, or, when
 * `CI` is set, declares one failing test that says what is missing.
 */
export function describeWithRealThing(
  title: string,
  missing: string | undefined,
  body: () => void,
): void {
  if (missing === undefined) {
    describe(title, body);
  } else if (process.env.CI !== undefined && process.env.CI !== "") {
    describe(title, () => {
      it("has what it needs in CI", () => {
        throw new Error(`${title}: ${missing} (CI must provide it; see .ci/run)`);
      });
    });
  } else {
    console.warn(`[skipped] ${title}: ${missing}`);
    describe.skip(`${title} [skipped: ${missing}]`, body);
  }
}

/** The first of `commands` that is not on PATH, as a reason; undefined when all are there. */
export async function missingCommands(...commands: string[]): Promise<string | undefined> {
  const { execFileSync } = await import("node:child_process");
  for (const command of commands) {
    try {
      execFileSync("sh", ["-c", `command -v "$1"`, "sh", command], { stdio: "ignore" });
    } catch {
      return `\`${command}\` is not installed`;
    }
  }
  return undefined;
}
