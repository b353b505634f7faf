import { AgentUnavailableError, askAgent, connectAgent } from "../agent/agent-client.js";
import { agentProtocolVersion } from "../agent/agent-protocol.js";
import { fromWireError } from "../agent/wire-error.js";
import { StoreError } from "../errors.js";
import { agentSocket } from "./agent-route.js";
import type { RuntimeContext } from "./context.js";
import { requestEnvironment } from "./request-environment.js";

/**
 * Tells the running agent, if one runs (none is started for this), to drop the sessions of
 * `profile` (every session when `undefined`) and every answer it remembers: after `remove`, no command gets a session made from
 * a key that is gone, whatever the backend. The count of sessions it dropped, or `undefined`
 * when no agent runs. With `ssoKey` (`sso logout`), the role sessions of that IAM Identity
 * Center sign-in instead.
 *
 * @throws StoreError (or the agent's own error) when a running agent could not be told.
 */
export async function forgetInAgent(
  context: RuntimeContext,
  profile: string | undefined,
  ssoKey?: string,
): Promise<number | undefined> {
  const socketPath = agentSocket(context);
  const socket = socketPath === undefined ? undefined : await connectAgent(socketPath);
  if (socket === undefined) return undefined;
  try {
    const answer = await askAgent(socket, {
      v: agentProtocolVersion,
      type: "forget",
      ...(profile === undefined ? {} : { profile }),
      env: requestEnvironment(context.env),
      ...(ssoKey === undefined ? {} : { ssoKey }),
    });
    if (answer.type === "forgotten") return answer.sessions;
    if (answer.type === "error") throw fromWireError(answer.error);
    throw new AgentUnavailableError(`the awsafe agent answered "${answer.type}"`);
  } catch (error) {
    if (!(error instanceof AgentUnavailableError)) throw error;
    const what = profile === undefined ? "its sessions" : `"${profile}"`;
    throw new StoreError(`The running awsafe agent could not be told to forget ${what}`, {
      hint: "Run `awsafe agent stop`: its sessions go with it",
      cause: error,
    });
  }
}
