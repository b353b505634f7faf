import { runCli } from "./run-cli.js";

// The only place the process exits. `--version` is answered before anything else is loaded so
// that the most common probe of the tool costs no more than starting Node.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${__AWSAFE_VERSION__}\n`);
} else {
  process.exitCode = await runCli(args, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
