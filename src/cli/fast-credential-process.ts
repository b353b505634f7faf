import { noPrompter } from "../ports/prompter.js";
import { chooseAgentRoute } from "../runtime/agent-route.js";
import { type ClientAnswers, credentialsFromAgent } from "../runtime/ask-agent.js";
import { processContext } from "../runtime/context.js";
import { agentFallbackNotice } from "../runtime/agent-fallback-notice.js";
import { fdOutput } from "./fd-output.js";
import { processOutput } from "../ports/credentials-json.js";
import { reportError } from "./report-error.js";

/** What the fast path found out, for the CLI proper when it takes over. */
export interface HandOver {
  /** Why the agent could not serve; the CLI then works in-process without asking it again. */
  readonly agentUnavailable?: string | undefined;
}

/**
 * How the fast path ended: an exit code, or the CLI proper takes over. `written` says that all
 * it printed has reached its descriptors, so the process may end at once.
 */
export type FastOutcome =
  { readonly exitCode: number; readonly written?: boolean } | { readonly handOver: HandOver };

/**
 * The hot path: `awsafe credential-process <profile>`, which the AWS CLI and SDKs run before
 * every call, answered by the running agent. It is part of the executable's own file, so it
 * loads one module instead of the command parser and a dozen chunks. It makes the same one decision
 * as every credential command (agent-route.ts); whatever is not the agent's to answer (no agent
 * wanted, a passphrase to type, an agent that cannot serve) goes to the CLI proper, which then
 * does not wait for the agent again. What the agent asks of the client (an MFA code, a sign-in)
 * is `answers`, which load agent-questions.ts: they are rare, and wait on a person anyway. This file
 * holds neither the MFA sources nor the prompter.
 */
export async function fastCredentialProcess(
  profile: string,
  answers: ClientAnswers,
): Promise<FastOutcome> {
  const stderrFd = fdOutput(2, () => process.stderr);
  let queued = false;
  const stderr = {
    write(chunk: string | Uint8Array) {
      queued = !stderrFd.write(chunk) || queued;
      return true;
    },
  };
  const context = processContext({
    env: process.env,
    notice: (line) => stderr.write(`awsafe: ${line}\n`),
    prompter: noPrompter,
  });
  const request = {
    profile,
    options: {},
    agent: true,
    backend: undefined,
    mfaToken: undefined,
  };
  try {
    const route = chooseAgentRoute(context, request);
    if (route.kind !== "agent") return { handOver: {} };
    const answer = await credentialsFromAgent(context, route.socketPath, request, answers);
    if (answer.kind === "client-only") return { handOver: { agentUnavailable: answer.why } };
    if (answer.kind === "unavailable") {
      context.notice(agentFallbackNotice(answer.why));
      return { handOver: { agentUnavailable: answer.why } };
    }
    const { resolved } = answer;
    const printed = fdOutput(1, () => process.stdout).write(processOutput(resolved.credentials));
    return { exitCode: 0, written: printed && !queued };
  } catch (error) {
    return { exitCode: reportError(error, { stderr }, false) };
  }
}
