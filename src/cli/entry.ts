// The `awsafe` executable (bundled as CommonJS into dist/cli.cjs: Node starts a CommonJS file
// several milliseconds sooner than an ES module, and start-up is what `credential_process` users
// pay on every AWS call). `--version`, the most common probe, is answered here; everything else
// loads the CLI proper, main.ts, which decides the exit status.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${__AWSAFE_VERSION__}\n`);
} else {
  void import("./main.js");
}
