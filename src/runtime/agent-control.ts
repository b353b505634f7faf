import {
  AgentUnavailableError,
  agentStartWaitMs,
  askAgent,
  connectAgent,
  ensureAgent,
} from "../agent/agent-client.js";
import { type AgentStatus, agentProtocolVersion } from "../agent/agent-protocol.js";
import { AgentAlreadyRunning, listenAgent } from "../agent/agent-server.js";
import { preparePrivateDir } from "../agent/agent-socket.js";
import { StoreError } from "../errors.js";
import { forbidMemoryReads } from "../process/forbid-memory-reads.js";
import { agentEngine } from "./agent-engine.js";
import { agentSocket } from "./agent-route.js";
import type { RuntimeContext } from "./context.js";
import { startAgent } from "./start-agent.js";

/** Default idle time before the agent exits (`AWSAFE_AGENT_IDLE_SECONDS`). */
const defaultIdleSeconds = 3600;

/**
 * `awsafe agent run`: serves on this user's socket until stopped or idle. Returns at once when
 * another agent already serves (two clients started one at the same moment).
 */
export async function runAgent(context: RuntimeContext): Promise<void> {
  const socketPath = requireSocket(context);
  preparePrivateDir(socketPath);
  const memoryProtected = await forbidMemoryReads().catch(() => false);
  const idle = Number(context.env.AWSAFE_AGENT_IDLE_SECONDS);
  try {
    const agent = await listenAgent({
      socketPath,
      idleMs: (Number.isFinite(idle) && idle > 0 ? idle : defaultIdleSeconds) * 1000,
      version: __AWSAFE_VERSION__,
      handlers: agentEngine(context),
      memoryProtected,
    });
    await agent.closed;
  } catch (error) {
    if (!(error instanceof AgentAlreadyRunning)) throw error;
  }
}

/**
 * `awsafe agent start`: the running agent's status, starting it first when none runs.
 *
 * @throws StoreError when it cannot be started or does not answer.
 */
export async function startAgentNow(context: RuntimeContext): Promise<AgentStatus> {
  const socketPath = requireSocket(context);
  preparePrivateDir(socketPath);
  try {
    const socket = await ensureAgent(
      socketPath,
      () => startAgent(context),
      agentStartWaitMs,
      context.hooks.checkpoint,
    );
    return statusOf(await askAgent(socket, { v: agentProtocolVersion, type: "status" }));
  } catch (error) {
    if (!(error instanceof AgentUnavailableError)) throw error;
    throw new StoreError(`Cannot start the awsafe agent: ${error.message}`, {
      hint: "Run `awsafe agent run` in a terminal to see why, or use --no-agent",
      cause: error,
    });
  }
}

/** `awsafe agent status`: the running agent's status, or `undefined` when none runs. */
export async function agentStatus(context: RuntimeContext): Promise<AgentStatus | undefined> {
  const socket = await connectAgent(requireSocket(context));
  if (socket === undefined) return undefined;
  return statusOf(await askRunning(socket, { v: agentProtocolVersion, type: "status" }));
}

/**
 * `awsafe agent stop`: asks the agent to stop and waits (up to 10 s) until its process is gone;
 * the agent closes every connection as it stops, so no client keeps it alive. `false` when none
 * was running.
 *
 * @throws StoreError when the agent does not answer, or its process is still there after 10 s.
 */
export async function stopAgent(context: RuntimeContext): Promise<boolean> {
  const socketPath = requireSocket(context);
  const first = await connectAgent(socketPath);
  if (first === undefined) return false;
  const { pid } = statusOf(await askRunning(first, { v: agentProtocolVersion, type: "status" }));
  const second = await connectAgent(socketPath);
  if (second !== undefined) await askRunning(second, { v: agentProtocolVersion, type: "stop" });
  for (let tries = 0; tries < 400 && processExists(pid); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (processExists(pid)) {
    throw new StoreError(`The awsafe agent (pid ${String(pid)}) did not stop within 10 s`, {
      hint: `End it with \`kill ${String(pid)}\` (its sessions are lost either way)`,
    });
  }
  return true;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH, or EPERM: a process of another user took the number; either way ours is gone.
    return false;
  }
}

/** Asks a running agent; one that does not answer is a StoreError. */
async function askRunning(
  socket: Parameters<typeof askAgent>[0],
  request: Parameters<typeof askAgent>[1],
): ReturnType<typeof askAgent> {
  try {
    return await askAgent(socket, request);
  } catch (error) {
    if (!(error instanceof AgentUnavailableError)) throw error;
    throw new StoreError(`The awsafe agent is not answering: ${error.message}`, {
      hint: "Find it with `pgrep -f 'awsafe.* agent run'` and end it (kill), then try again",
      cause: error,
    });
  }
}

function statusOf(answer: Awaited<ReturnType<typeof askAgent>>): AgentStatus {
  if (answer.type !== "status") {
    throw new StoreError("The awsafe agent did not answer the status request", {
      hint: "Run `awsafe agent stop` and try again",
    });
  }
  return answer.status;
}

function requireSocket(context: RuntimeContext): string {
  const socketPath = agentSocket(context);
  if (socketPath === undefined) {
    throw new StoreError("The agent's socket path is too long for a Unix socket", {
      hint: "Set XDG_RUNTIME_DIR or AWSAFE_HOME to a shorter directory, or use --no-agent",
    });
  }
  return socketPath;
}
