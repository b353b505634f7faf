// Runs the data-driven conformance tests (test/conformance/) and prints one line per suite:
// "<suite name>: N passed, M failed". The number of cases comes from the suite's own data file,
// so a case that was skipped, filtered out, or never ran (a file that failed to load) counts as
// failed. The data files are the corpus in test/conformance/corpus/; a missing or unreadable one
// is reported on one line (exit 66) before any test runs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "..");
const corpus = join(repoRoot, "test/conformance/corpus");

/** Stops with one line naming the corpus file that cannot be used (EX_NOINPUT). */
function corpusFailure(path, reason) {
  console.error(`conformance: ${relative(repoRoot, join(corpus, path))}: ${reason}`);
  process.exit(66);
}

const parsed = new Map();
function json(path) {
  if (!parsed.has(path)) {
    const file = join(corpus, path);
    if (!existsSync(file)) corpusFailure(path, "missing from the conformance corpus");
    try {
      parsed.set(path, JSON.parse(readFileSync(file, "utf8")));
    } catch (error) {
      corpusFailure(path, error instanceof Error ? error.message.split("\n")[0] : String(error));
    }
  }
  return parsed.get(path);
}

/** Reads `count` from a data file; a file of the wrong shape is reported like a missing one. */
function cases(path, count) {
  const data = json(path);
  try {
    const n = count(data);
    if (Number.isInteger(n)) return n;
  } catch {
    // reported below
  }
  return corpusFailure(path, "not the shape this suite expects");
}

const botocoreCases = "botocore/botocore-cases.json";

/** Suite name (the top-level `describe` of its test) → how many cases its data file holds. */
const suites = {
  "smithy-python config-file-parser": () =>
    cases(
      "smithy-python/packages/smithy-aws-core/tests/unit/config/test-data/config-file-parser-tests.json",
      (data) => data.tests.length,
    ),
  "smithy-rs profile-parser": () =>
    cases(
      "smithy-rs/aws/rust-runtime/aws-runtime/test-data/profile-parser-tests.json",
      (data) => data.tests.length,
    ),
  "smithy-python config-file-location": () =>
    cases(
      "smithy-python/packages/smithy-aws-core/tests/unit/config/test-data/config-file-location-tests.json",
      (data) => data.tests.length,
    ),
  "smithy-rs file-location": () =>
    cases(
      "smithy-rs/aws/rust-runtime/aws-runtime/test-data/file-location-tests.json",
      (data) => data.tests.length,
    ),
  "botocore configloader-probes": () =>
    cases(botocoreCases, (data) => Object.keys(data.configloader_probes).length),
  "botocore configloader-fixtures": () =>
    cases(botocoreCases, (data) => Object.keys(data.configloader_fixtures).length),
  "smithy-rs assume-role": () =>
    cases(
      "smithy-rs/aws/rust-runtime/aws-config/test-data/assume-role-tests.json",
      (data) => data.length,
    ),
  "botocore assume-role-scenarios": () =>
    cases(botocoreCases, (data) => data.assume_role_scenarios_functional.length),
  "aws-cli configure-writer": () =>
    cases("aws-cli/configure-writer-cases.json", (data) => data.cases.length),
};

// Every data file is read (and the botocore fixture files looked for) before the tests run.
const totals = new Map(Object.entries(suites).map(([name, count]) => [name, count()]));
for (const name of Object.keys(json(botocoreCases).configloader_fixtures)) {
  const fixture = `botocore/tests/unit/cfg/${name}`;
  if (!existsSync(join(corpus, fixture)))
    corpusFailure(fixture, "missing from the conformance corpus");
}

const dir = mkdtempSync(join(tmpdir(), "awsafe-conformance-"));
const report = join(dir, "report.json");
const run = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "test/conformance",
    "--reporter=json",
    `--outputFile=${report}`,
  ],
  { cwd: repoRoot, encoding: "utf8" },
);
let results;
try {
  results = JSON.parse(readFileSync(report, "utf8"));
} catch {
  results = undefined;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (!Array.isArray(results?.testResults)) {
  if (run.stderr) process.stderr.write(run.stderr);
  console.error(
    `conformance: the test run produced no report${run.error ? ` (${run.error.message})` : ""}`,
  );
  process.exit(1);
}

const passed = new Map();
for (const file of results.testResults) {
  for (const test of file.assertionResults) {
    const suite = test.ancestorTitles[0];
    if (test.status === "passed") passed.set(suite, (passed.get(suite) ?? 0) + 1);
  }
}

let allPassed = true;
for (const [name, total] of totals) {
  const ok = Math.min(passed.get(name) ?? 0, total);
  if (ok !== total || (passed.get(name) ?? 0) !== total) allPassed = false;
  console.log(`${name}: ${ok} passed, ${total - ok} failed`);
}
process.exit(allPassed ? 0 : 1);
