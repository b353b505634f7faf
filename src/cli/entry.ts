// The `awsafe` executable (bundled as CommonJS into dist/cli.cjs: Node starts a CommonJS file
// several milliseconds sooner than an ES module, and start-up is what `credential_process` users
// pay on every AWS call). `--version`, the most common probe, is answered here;
// `credential-process <profile>` goes to the agent through a one-file fast path
// (fast-credential-process.ts); everything else, and whatever the fast path cannot answer, loads
// the CLI proper (main.ts).
import type { fastCredentialProcess } from "./fast-credential-process.js";

const args = process.argv.slice(2);
const [command, profile, ...rest] = args;
if (args.length === 1 && (command === "--version" || command === "-V")) {
  process.stdout.write(`${__AWSAFE_VERSION__}\n`);
} else if (
  command === "credential-process" &&
  profile?.startsWith("-") === false &&
  rest.length === 0
) {
  // A CommonJS bundle of its own (see scripts/build.mjs), loaded without the ES module loader.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fastCredentialProcess } = require("./fast-credential-process.cjs") as FastPath;
  void fastCredentialProcess(profile).then(async (code) => {
    if (code === undefined) await import("./main.js");
    else process.exitCode = code;
  });
} else {
  void import("./main.js");
}

// The bundle's shape; `require` itself is untyped.
interface FastPath {
  readonly fastCredentialProcess: typeof fastCredentialProcess;
}
