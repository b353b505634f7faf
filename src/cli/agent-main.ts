// `awsafe agent run`, as a client starts it in the background when no agent answers: a module of
// its own, which entry.ts loads for exactly that command, without the command parser and the
// command table. Every cold call waits for the agent to listen; this is most of its start.
import { noPrompter } from "../ports/prompter.js";
import { runAgent } from "../runtime/agent-control.js";
import { processContext } from "../runtime/context.js";
import { reportError } from "./report-error.js";

/** Serves as the agent until it stops; an error is printed and sets the exit code. */
export async function agentMain(): Promise<void> {
  const context = processContext({
    env: process.env,
    notice: (line) => process.stderr.write(`awsafe: ${line}\n`),
    prompter: noPrompter,
  });
  try {
    await runAgent(context);
  } catch (error) {
    process.exitCode = reportError(error, { stderr: process.stderr }, false);
  }
}
