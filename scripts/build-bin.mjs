// Builds the single executable dist/awsafe with `bun build --compile` (the `bun` devDependency:
// the npm package brings the Bun binary for this platform as an optional dependency, so nothing
// is fetched from anywhere but the npm registry). The executable holds src/cli/entry.ts,
// everything it imports and the keychain's native addon: Bun embeds a `.node` file that is
// required by a literal path, as @napi-rs/keyring's loader does, and writes it to a temporary
// file to load it when the keychain is first used.
//   --bytecode  ships precompiled bytecode: parsing the JavaScript at every run made start-up
//               about three times as long, and `credential-process` pays it on every AWS call
//   --splitting lazily imported modules become chunks inside the executable, loaded when
//               imported: the hot path loads neither the command parser nor the AWS SDK
//               (about a fifth faster than one bundle holding everything)
//   --minify --keep-names  less to load; class names stay, as `--debug` prints error names
//   --no-compile-autoload-dotenv/-bunfig  a compiled Bun program would otherwise read `.env`
//               and `bunfig.toml` from the working directory at start: awsafe must not take
//               variables (AWS keys among them) from whatever directory it is run in
// It leaves the rest of dist/ as it is (`npm run build` replaces dist/, this file included).
// With --test it builds dist-test/awsafe with the test hooks in (src/runtime/test-hooks.ts),
// which `npm run test:bin` runs the end-to-end tests against; that one never ships.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildId } from "./build-id.mjs";

const repoRoot = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const bun = path.join(repoRoot, "node_modules/.bin/bun");
const testBuild = process.argv.includes("--test");
const outfile = path.join(repoRoot, testBuild ? "dist-test/awsafe" : "dist/awsafe");

const started = performance.now();
mkdirSync(path.dirname(outfile), { recursive: true });
execFileSync(
  bun,
  [
    "build",
    "src/cli/entry.ts",
    "--compile",
    "--splitting",
    "--format=esm",
    "--bytecode",
    "--minify",
    "--keep-names",
    "--no-compile-autoload-dotenv",
    "--no-compile-autoload-bunfig",
    "--define",
    `__AWSAFE_VERSION__=${JSON.stringify(pkg.version)}`,
    "--define",
    `__AWSAFE_BUILD_ID__=${JSON.stringify(buildId(repoRoot))}`,
    "--define",
    "__AWSAFE_STANDALONE__=true",
    "--define",
    `__AWSAFE_TEST_HOOKS__=${String(testBuild)}`,
    "--outfile",
    outfile,
  ],
  // Bun's progress lines go to stdout; keep stdout for what callers print.
  { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] },
);
const megabytes = (statSync(outfile).size / 1e6).toFixed(0);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.error(`build-bin: ${path.relative(repoRoot, outfile)} (${megabytes} MB) in ${seconds} s`);
