import type { WireError } from "../agent/agent-protocol.js";
import { fromWireError } from "../runtime/wire-errors.js";
import { fastPathProfile } from "./fast-path-call.js";
import type { agentMain } from "./agent-main.js";
import type { fastCredentialProcess } from "./fast-credential-process.js";
import type { complete } from "./complete-main.js";
import type { main } from "./main.js";
import type { mfaCodeForAgent, ssoSignInForAgent } from "./agent-questions.js";

/** What agent-questions.ts gives the fast path: its answers to the agent's questions. */
export interface AgentQuestions {
  readonly mfaCodeForAgent: typeof mfaCodeForAgent;
  readonly ssoSignInForAgent: typeof ssoSignInForAgent;
}

/** How an executable reaches the parts of awsafe; each loads only when called. */
export interface Entrypoints {
  readonly fastPath: () => typeof fastCredentialProcess;
  /** The CLI proper (main.ts). */
  readonly main: () => Promise<{ readonly main: typeof main }>;
  /** What the fast path answers when the agent asks it (an MFA code, a sign-in). */
  readonly questions: () => Promise<AgentQuestions>;
  /** `__complete`: the completion scripts' call at each TAB, without the CLI proper. */
  readonly complete: () => Promise<{ readonly complete: typeof complete }>;
  /** `agent run`, as clients start it: the agent without the command parser. */
  readonly agent: () => Promise<{ readonly agentMain: typeof agentMain }>;
}

/**
 * What every awsafe executable does first: `--version` (the most common probe) is answered at
 * once; `credential-process <profile>` goes to the agent through the fast path; everything else,
 * and whatever the fast path hands over, loads the CLI proper (main.ts).
 */
export function dispatch(args: readonly string[], load: Entrypoints): void {
  const [command, profile, ...rest] = args;
  const fastPathCall = fastPathProfile(args, process.env);
  if (args.length === 1 && (command === "--version" || command === "-V")) {
    process.stdout.write(`${__AWSAFE_VERSION__}\n`);
  } else if (fastPathCall !== undefined) {
    void load
      .fastPath()(fastPathCall, {
        mfa: async (request) =>
          (await answerAgent(load, (loaded) => loaded.mfaCodeForAgent(request))).code,
        signIn: async (request) =>
          (await answerAgent(load, (loaded) => loaded.ssoSignInForAgent(request))).signedIn,
      })
      .then(async (outcome) => {
        if (!("exitCode" in outcome)) {
          await (await load.main()).main(args, outcome.handOver);
          return;
        }
        // The answer is printed: end now rather than close the agent's connection as a stream,
        // whose teardown builds process.stderr (Node's net.Socket#_destroy compares itself with
        // it), a pipe stream that costs more than the rest of the exit; the kernel closes it.
        if (outcome.written === true) process.exit(outcome.exitCode);
        process.exitCode = outcome.exitCode;
      });
  } else if (
    command === "agent" &&
    profile === "run" &&
    rest.length === 0 &&
    process.env.AWSAFE_DEBUG !== "1"
  ) {
    void load.agent().then(({ agentMain }) => agentMain());
  } else if (command === "__complete" && profile === "--") {
    void load.complete().then(({ complete }) => {
      complete(args.slice(2));
    });
  } else {
    void load.main().then(({ main }) => main(args));
  }
}

/**
 * What agent-questions.ts, loaded for it, answers to a question of the agent (an MFA code, a
 * sign-in); an error it answers with is thrown as the error it was there.
 */
async function answerAgent<T extends object>(
  load: Entrypoints,
  ask: (loaded: AgentQuestions) => Promise<T | { readonly error: WireError }>,
): Promise<T> {
  const outcome = await ask(await load.questions());
  if ("error" in outcome) throw fromWireError(outcome.error);
  return outcome;
}
