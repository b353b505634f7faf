import { processContext, type RuntimeContext } from "../runtime/context.js";
import { terminalPrompter } from "../runtime/terminal-prompter.js";

/**
 * The context of a library call, gathered here at the library's door: a copy of this process's
 * environment, the terminal, and, for starting the agent, the awsafe CLI at `cliPath` run by this
 * process's Node (the program's own `argv[1]` is the application, not awsafe). It never writes
 * to stdout (the application's); the one-line notices the CLI gives go to stderr as the CLI's
 * do, and `AWSAFE_DEBUG=1` adds its debug lines there.
 */
export function libraryContext(cliPath: string): RuntimeContext {
  const env = { ...process.env };
  const stderr = (line: string) => process.stderr.write(`awsafe: ${line}\n`);
  const context = processContext({
    env,
    notice: stderr,
    prompter: terminalPrompter(env),
    debug: env.AWSAFE_DEBUG === "1" ? (line) => stderr(`debug: ${line}`) : undefined,
  });
  return { ...context, selfCommand: [process.execPath, cliPath] };
}
