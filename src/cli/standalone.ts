// The entry of the single executable (`npm run build:bin`: scripts/build-bin.mjs compiles this
// file, everything it imports and the keychain's native addon into dist/awsafe). It dispatches as
// entry.ts does for the Node build: `--version` answered at once, `credential-process <profile>`
// through the fast path, the CLI proper (main.ts) otherwise or when the fast path cannot answer.
// The fast path is a plain import here, as the whole program is one executable; main.ts stays a
// lazy import (a chunk of its own in the executable), so the hot path does not load the command
// parser and its modules.
import { fastCredentialProcess } from "./fast-credential-process.js";

const args = process.argv.slice(2);
const [command, profile, ...rest] = args;
if (args.length === 1 && (command === "--version" || command === "-V")) {
  process.stdout.write(`${__AWSAFE_VERSION__}\n`);
} else if (
  command === "credential-process" &&
  profile?.startsWith("-") === false &&
  rest.length === 0
) {
  void fastCredentialProcess(profile).then(async (code) => {
    if (code === undefined) await import("./main.js");
    else process.exitCode = code;
  });
} else {
  void import("./main.js");
}
