import type { Environment, PlatformFacts } from "../ports/environment.js";
import type { Prompter } from "../ports/prompter.js";

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly env: Environment;
  readonly platform: PlatformFacts;
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  /** Asks the person at the terminal (never on stdin/stdout, which may be pipes). */
  readonly prompter: Prompter;
  /** The absolute command line that runs this awsafe (`[node, script]`), for `credential_process`. */
  readonly selfCommand: readonly string[];
}
