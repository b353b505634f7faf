// The CLI's entry and the only place the process's exit status is decided. `--version` is
// answered before anything else is loaded: it is the most common probe of the tool, and start-up
// cost is what `credential_process` users pay on every AWS call.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${__AWSAFE_VERSION__}\n`);
} else {
  const [{ runCli }, { homedir }, { ttyPrompter }, path] = await Promise.all([
    import("./run-cli.js"),
    import("node:os"),
    import("../prompt/tty-prompter.js"),
    import("node:path"),
  ]);
  process.exitCode = await runCli(args, {
    env: process.env,
    platform: { platform: process.platform, homedir },
    stdout: process.stdout,
    stderr: process.stderr,
    prompter: ttyPrompter({ platform: process.platform, mode: process.env.AWSAFE_PROMPT }),
    selfCommand: [process.execPath, path.resolve(process.argv[1] ?? "awsafe")],
  });
}
