// The CLI proper, loaded by entry.ts; with entry.ts (for its fast path) the only place the
// process's exit status is decided.
import { selfCommand } from "../runtime/self-command.js";

const [{ runCli }, { homedir }, { ttyPrompter }] = await Promise.all([
  import("./run-cli.js"),
  import("node:os"),
  import("../prompt/tty-prompter.js"),
]);
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  platform: { platform: process.platform, homedir },
  stdout: process.stdout,
  stderr: process.stderr,
  prompter: ttyPrompter({ platform: process.platform, mode: process.env.AWSAFE_PROMPT }),
  selfCommand: selfCommand(),
});
