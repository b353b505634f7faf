import { rememberedAnswer } from "../runtime/remembered-answer.js";
import { processPlatform } from "../runtime/process-platform.js";
import { fdOutput } from "./fd-output.js";
import { reportError } from "./report-error.js";

/**
 * Prints the running agent's remembered answer to `credential-process <profile>` and ends the
 * process; `false` when the agent has none to give (runtime/remembered-answer.ts), and nothing
 * was printed: the caller then runs the executable's entry, the whole way.
 */
export async function printRememberedAnswer(profile: string): Promise<boolean> {
  const text = await rememberedAnswer(profile, process.env, processPlatform);
  if (text === undefined) return false;
  try {
    // All written: end now, as the fast path does. Otherwise the rest is queued on the stream,
    // and the process ends once it has gone out.
    if (fdOutput(1, () => process.stdout).write(text)) process.exit(0);
  } catch (error) {
    process.exitCode = reportError(error, { stderr: fdOutput(2, () => process.stderr) }, false);
  }
  return true;
}
