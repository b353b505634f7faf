// The CLI proper, which entry.ts imports for every command the fast path does not answer; with
// entry.ts, the only place the exit status of the process is decided.
import { processContext } from "../runtime/context.js";
import { terminalPrompter } from "../runtime/terminal-prompter.js";
import type { HandOver } from "./fast-credential-process.js";
import { debugOutput, debugWanted } from "./debug-output.js";
import { quietBrokenPipe } from "./quiet-broken-pipe.js";
import { runCli } from "./run-cli.js";

/** Runs the command `args` name; `handOver` is what the fast path already found out. */
export async function main(args: readonly string[], handOver: HandOver = {}): Promise<void> {
  quietBrokenPipe([process.stdout, process.stderr]);
  const debug = debugWanted(args, process.env);
  const context = processContext({
    notice: (line) => process.stderr.write(`awsafe: ${line}\n`),
    prompter: terminalPrompter(process.env),
    debug: debug ? debugOutput(process.stderr) : undefined,
    agentUnavailable: handOver.agentUnavailable,
  });
  process.exitCode = await runCli(args, {
    ...context,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
