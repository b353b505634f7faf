// The CLI proper, loaded by entry.ts; with entry.ts (for its fast path) the only place the
// process's exit status is decided.
const [{ runCli }, { homedir }, { ttyPrompter }, path] = await Promise.all([
  import("./run-cli.js"),
  import("node:os"),
  import("../prompt/tty-prompter.js"),
  import("node:path"),
]);
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  platform: { platform: process.platform, homedir },
  stdout: process.stdout,
  stderr: process.stderr,
  prompter: ttyPrompter({ platform: process.platform, mode: process.env.AWSAFE_PROMPT }),
  selfCommand: [process.execPath, path.resolve(process.argv[1] ?? "awsafe")],
});
