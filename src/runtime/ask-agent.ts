import {
  AgentUnavailableError,
  agentStartWaitMs,
  askAgent,
  ensureAgent,
} from "../agent/agent-client.js";
import { agentProtocolVersion } from "../agent/agent-protocol.js";
import { preparePrivateDir } from "../agent/agent-socket.js";
import { fromWireError } from "../agent/wire-error.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import type { SsoSignIn } from "../ports/sso-sign-in.js";
import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import type { RuntimeContext } from "./context.js";
import type { CredentialRequest } from "./credential-request.js";
import { requestEnvironment } from "./request-environment.js";
import { startAgent } from "./start-agent.js";

/**
 * What asking the agent came to: its credentials; a request that is the client's by design
 * (long-term keys never leave the agent); or why the agent could not serve.
 */
export type AgentAnswer =
  | { readonly kind: "credentials"; readonly resolved: ResolvedCredentials }
  | { readonly kind: "client-only"; readonly why: string }
  | { readonly kind: "unavailable"; readonly why: string };

/**
 * What this process answers when the agent asks: MFA codes, and an IAM Identity Center sign-in.
 * Each is made or loaded when asked for, not before: a cached answer needs neither, and the hot
 * path loads them from agent-questions.ts.
 */
export interface ClientAnswers {
  readonly mfa: MfaCodeSource;
  readonly signIn: SsoSignIn;
}

/**
 * Asks the agent on `socketPath` for the request's credentials, starting it when none runs;
 * this process answers its MFA questions and signs in to IAM Identity Center when the agent
 * asks it to (`answers`). Each wait is bounded: the agent's start (10 s, or at once when the
 * started agent exits) and its first word on the request (5 s). An agent that cannot serve is
 * `unavailable`, with the reason; an error the agent reports about the request itself (a wrong
 * profile, a refused MFA code) is thrown as the AppError it was.
 */
export async function credentialsFromAgent(
  context: RuntimeContext,
  socketPath: string,
  request: CredentialRequest,
  answers: ClientAnswers,
): Promise<AgentAnswer> {
  const { profile, options } = request;
  context.debug?.(`asking the agent on ${socketPath} for profile "${profile}"`);
  try {
    preparePrivateDir(socketPath);
    const socket = await ensureAgent(
      socketPath,
      () => {
        context.debug?.("no agent is running; starting one");
        return startAgent(context);
      },
      agentStartWaitMs,
      context.hooks.checkpoint,
    );
    const answer = await askAgent(
      socket,
      {
        v: agentProtocolVersion,
        type: "credentials",
        profile,
        env: requestEnvironment(context.env),
        ...(options.durationSeconds === undefined
          ? {}
          : { durationSeconds: options.durationSeconds }),
        ...(options.noSession === true ? { noSession: true } : {}),
        ...(options.sessionOnly === true ? { sessionOnly: true } : {}),
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(request.backend === undefined ? {} : { backend: request.backend }),
        ...(context.debug === undefined ? {} : { debug: true }),
      },
      answers.mfa,
      undefined,
      answers.signIn,
    );
    if (answer.type === "credentials" || answer.type === "error") {
      for (const line of answer.trace ?? []) context.debug?.(`agent: ${line}`);
    }
    if (answer.type === "error" && answer.error.kind === "client-only") {
      return { kind: "client-only", why: answer.error.message };
    }
    if (answer.type === "error") throw fromWireError(answer.error);
    if (answer.type !== "credentials") {
      return { kind: "unavailable", why: `the awsafe agent answered "${answer.type}"` };
    }
    return {
      kind: "credentials",
      resolved: { profile, region: answer.region, credentials: answer.credentials },
    };
  } catch (error) {
    if (error instanceof AgentUnavailableError) return { kind: "unavailable", why: error.message };
    throw error;
  }
}
