// The one place that says how the end-to-end tests run awsafe. By default that is the Node test
// build (`node dist-test/cli.cjs`, from `npm run build:test`: the release bundle plus the test
// hooks); with AWSAFE_TEST_BINARY=<path> (relative paths from the repository root) it is that
// single executable (`npm run build:bin:test`, run by `npm run test:bin`), so the same tests
// check the single-executable build.
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./conformance.js";

const binary = process.env["AWSAFE_TEST_BINARY"];

/** The program and leading arguments that run awsafe, e.g. `[node, /…/dist-test/cli.cjs]`. */
export const awsafeCommand: readonly [string, ...string[]] =
  binary === undefined || binary === ""
    ? [process.execPath, path.join(repoRoot, "dist-test/cli.cjs")]
    : [path.resolve(repoRoot, binary)];

/** Whether the tests run the single executable rather than the Node build. */
export const testsBinary = awsafeCommand.length === 1;

/** The program and arguments of one awsafe run: `awsafeArgv(["list"])`. */
export function awsafeArgv(args: readonly string[]): { program: string; args: string[] } {
  const [program, ...leading] = awsafeCommand;
  return { program, args: [...leading, ...args] };
}

/** Throws, saying which build to make, when the awsafe the tests run has not been built. */
export function assertAwsafeBuilt(): void {
  const file = awsafeCommand.at(-1) ?? "";
  if (existsSync(file)) return;
  const build = testsBinary ? "npm run build:bin:test" : "npm run build:test";
  throw new Error(`${file} is missing: run \`${build}\` before these tests`);
}
