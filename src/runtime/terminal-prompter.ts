import type { Environment } from "../ports/environment.js";
import type { Prompter } from "../ports/prompter.js";
import { ttyPrompter } from "../prompt/tty-prompter.js";

/**
 * The prompter of a door that may ask its person: the controlling terminal, or none with
 * `AWSAFE_PROMPT=none`. Given to processContext by the CLI proper and the library; the hot path
 * gives none, so that its file holds no prompter.
 */
export function terminalPrompter(env: Environment): Prompter {
  return ttyPrompter({ platform: process.platform, mode: env.AWSAFE_PROMPT });
}
