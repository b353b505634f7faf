// Runs the data-driven conformance tests (test/conformance/) and prints one line per suite:
// "<suite name>: N passed, M failed". The number of cases comes from the suite's own data file,
// so a case that was skipped, filtered out, or never ran (a file that failed to load) counts as
// failed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const corpus = resolve(import.meta.dirname, "../../shared/conformance");
const json = (path) => JSON.parse(readFileSync(join(corpus, path), "utf8"));
const botocore = () => json("botocore/botocore-cases.json");

/** Suite name (the top-level `describe` of its test) → how many cases its data file holds. */
const suites = {
  "smithy-python config-file-parser": () =>
    json(
      "smithy-python/packages/smithy-aws-core/tests/unit/config/test-data/config-file-parser-tests.json",
    ).tests.length,
  "smithy-rs profile-parser": () =>
    json("smithy-rs/aws/rust-runtime/aws-runtime/test-data/profile-parser-tests.json").tests.length,
  "smithy-python config-file-location": () =>
    json(
      "smithy-python/packages/smithy-aws-core/tests/unit/config/test-data/config-file-location-tests.json",
    ).tests.length,
  "smithy-rs file-location": () =>
    json("smithy-rs/aws/rust-runtime/aws-runtime/test-data/file-location-tests.json").tests.length,
  "botocore configloader-probes": () => Object.keys(botocore().configloader_probes).length,
  "botocore configloader-fixtures": () => Object.keys(botocore().configloader_fixtures).length,
  "smithy-rs assume-role": () =>
    json("smithy-rs/aws/rust-runtime/aws-config/test-data/assume-role-tests.json").length,
  "botocore assume-role-scenarios": () => botocore().assume_role_scenarios_functional.length,
  "aws-cli configure-writer": () => json("aws-cli/configure-writer-cases.json").cases.length,
};

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
  { encoding: "utf8" },
);
let results;
try {
  results = JSON.parse(readFileSync(report, "utf8"));
} catch {
  process.stderr.write(run.stderr);
  console.error("conformance: the test run produced no report");
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const passed = new Map();
for (const file of results.testResults) {
  for (const test of file.assertionResults) {
    const suite = test.ancestorTitles[0];
    if (test.status === "passed") passed.set(suite, (passed.get(suite) ?? 0) + 1);
  }
}

let allPassed = true;
for (const [name, count] of Object.entries(suites)) {
  const total = count();
  const ok = Math.min(passed.get(name) ?? 0, total);
  if (ok !== total || (passed.get(name) ?? 0) !== total) allPassed = false;
  console.log(`${name}: ${ok} passed, ${total - ok} failed`);
}
process.exit(allPassed ? 0 : 1);
