import type { Questions } from "../ports/questions.js";
import { clackQuestions } from "../prompt/clack-questions.js";
import { lineQuestions } from "../prompt/line-questions.js";
import type { RuntimeContext } from "./context.js";

/**
 * The questions of a guided command on the terminal (clack, drawn on `/dev/tty`; plain lines in
 * the Bun single executable), or `undefined` when none can be asked.
 */
export function terminalQuestions(context: RuntimeContext): Questions | undefined {
  if (!context.prompter.canPrompt()) return undefined;
  // The Bun single executable cannot let go of a terminal stream (see line-questions.ts).
  if ("bun" in process.versions) return lineQuestions();
  return clackQuestions(context.platform.platform);
}
