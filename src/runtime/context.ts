import type { AppContext } from "../app/app-context.js";
import type { DebugLog } from "../ports/debug-log.js";
import type { Environment } from "../ports/environment.js";
import type { Prompter } from "../ports/prompter.js";
import { processPlatform } from "./process-platform.js";
import { selfCommand } from "./self-command.js";
import { testHooks, type TestHooks } from "./test-hooks.js";

/**
 * Everything awsafe takes from the process it runs in, gathered once at the door (the CLI, the
 * agent, the library) and passed down: below `runtime/` nothing reads `process.env`, the clock
 * or the terminal of its own accord.
 */
export interface RuntimeContext extends AppContext {
  /** Asks the person at the terminal (never on stdin/stdout, which may be pipes). */
  readonly prompter: Prompter;
  /** The engine's clock (test builds may move it). */
  readonly now: () => Date;
  readonly hooks: TestHooks;
  /** The absolute command line that runs this awsafe, for `credential_process` and the agent. */
  readonly selfCommand: readonly string[];
  /** One line for the person at the terminal (stderr): a notice, never a secret. */
  readonly notice: (line: string) => void;
  /**
   * Set when this run already found that the agent cannot answer (the fast path tried it), so
   * the credential commands work in-process at once instead of waiting for it again.
   */
  readonly agentUnavailable?: string | undefined;
}

/** What the door supplies; the rest comes from the process. */
export interface ProcessContextOptions {
  readonly notice: (line: string) => void;
  /**
   * Where questions go: the terminal prompter `AWSAFE_PROMPT` chooses (terminal-prompter.ts),
   * or none on the hot path, which asks nothing itself (the CLI proper answers the agent's MFA
   * questions), so that its file holds no prompter.
   */
  readonly prompter: Prompter;
  /**
   * The environment, when the caller can use `process.env` itself (the hot path, which loads no
   * AWS SDK and so never sees `process.env` change); otherwise a copy is made.
   */
  readonly env?: Environment | undefined;
  /** `--debug`'s output (redacted by the door); absent without `--debug`. */
  readonly debug?: DebugLog | undefined;
  readonly agentUnavailable?: string | undefined;
}

/**
 * The context of this process: a copy of its environment (so a later change to `process.env`,
 * such as the SDK's warning switch, reaches no child and no request), its platform, the door's
 * prompter, the test hooks of a test build, and the command line that runs awsafe again.
 */
export function processContext(options: ProcessContextOptions): RuntimeContext {
  const env = options.env ?? { ...process.env };
  const hooks = testHooks(env);
  return {
    env,
    platform: processPlatform,
    prompter: tracePrompts(options.prompter, options.debug),
    now: () => new Date(hooks.nowMs()),
    hooks,
    checkpoint: hooks.checkpoint,
    selfCommand: selfCommand(),
    notice: options.notice,
    debug: options.debug,
    agentUnavailable: options.agentUnavailable,
  };
}

/** With `--debug`, each question asked is logged (the question, never the answer). */
function tracePrompts(prompter: Prompter, debug: DebugLog | undefined): Prompter {
  if (debug === undefined) return prompter;
  return {
    canPrompt: () => prompter.canPrompt(),
    secret: (question) => {
      debug(`prompt (hidden answer): ${question.trim()}`);
      return prompter.secret(question);
    },
    confirm: (question) => {
      debug(`prompt (yes/no): ${question.trim()}`);
      return prompter.confirm(question);
    },
  };
}
