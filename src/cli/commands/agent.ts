import { connectAgent, askAgent, ensureAgent } from "../../agent/agent-client.js";
import { agentProtocolVersion } from "../../agent/agent-protocol.js";
import { AgentAlreadyRunning, listenAgent } from "../../agent/agent-server.js";
import { preparePrivateDir } from "../../agent/agent-socket.js";
import { ExitCode, StoreError, UsageError } from "../../errors.js";
import { agentHandlers } from "../../runtime/agent-engine.js";
import type { CommandRun } from "../command-table.js";
import { flag, positional } from "../command-input.js";
import type { CliIo } from "../io.js";
import { agentSocket, startAgent } from "../../runtime/ask-agent.js";

/** Default idle time before the agent exits (`AWSAFE_AGENT_IDLE_SECONDS`). */
const defaultIdleSeconds = 3600;

/** `awsafe agent start|stop|status|run`: the per-user agent that holds sessions in memory. */
export const run: CommandRun = async (input, io) => {
  const action = positional(input, 0);
  const socketPath = agentSocket(io);
  if (socketPath === undefined) {
    throw new StoreError("The agent's socket path is too long for a Unix socket", {
      hint: "Set XDG_RUNTIME_DIR or AWSAFE_HOME to a shorter directory, or use --no-agent",
    });
  }
  switch (action) {
    case "run":
      return runAgent(io, socketPath);
    case "start": {
      preparePrivateDir(socketPath);
      const socket = await ensureAgent(socketPath, () => startAgent(io));
      return printStatus(
        io,
        await askAgent(socket, { v: agentProtocolVersion, type: "status" }),
        false,
      );
    }
    case "status": {
      const socket = await connectAgent(socketPath);
      if (socket === undefined) {
        io.stdout.write(
          flag(input, "json")
            ? `${JSON.stringify({ running: false })}\n`
            : "awsafe agent: not running\n",
        );
        return ExitCode.Unavailable;
      }
      return printStatus(
        io,
        await askAgent(socket, { v: agentProtocolVersion, type: "status" }),
        flag(input, "json"),
      );
    }
    case "stop":
      return stopAgent(io, socketPath);
    case undefined:
    default:
      throw new UsageError(`Unknown agent action "${action ?? ""}"`, {
        hint: "Use start, stop or status",
      });
  }
};

async function runAgent(io: CliIo, socketPath: string): Promise<ExitCode> {
  preparePrivateDir(socketPath);
  const idle = Number(io.env.AWSAFE_AGENT_IDLE_SECONDS);
  try {
    const agent = await listenAgent({
      socketPath,
      idleMs: (Number.isFinite(idle) && idle > 0 ? idle : defaultIdleSeconds) * 1000,
      version: __AWSAFE_VERSION__,
      handlers: agentHandlers(io.platform),
    });
    await agent.closed;
  } catch (error) {
    // Two clients started an agent at once: the other one serves.
    if (!(error instanceof AgentAlreadyRunning)) throw error;
  }
  return ExitCode.Ok;
}

async function stopAgent(io: CliIo, socketPath: string): Promise<ExitCode> {
  const socket = await connectAgent(socketPath);
  if (socket === undefined) {
    io.stdout.write("awsafe agent: not running\n");
    return ExitCode.Ok;
  }
  await askAgent(socket, { v: agentProtocolVersion, type: "stop" });
  // The agent closes its socket once the last connection is gone; wait until it has.
  for (let tries = 0; tries < 400; tries++) {
    const still = await connectAgent(socketPath);
    if (still === undefined) break;
    still.destroy();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  io.stdout.write("awsafe agent: stopped\n");
  return ExitCode.Ok;
}

function printStatus(
  io: CliIo,
  answer: Awaited<ReturnType<typeof askAgent>>,
  json: boolean,
): ExitCode {
  if (answer.type !== "status") {
    throw new StoreError("The awsafe agent did not answer the status request", {
      hint: "Run `awsafe agent stop` and try again",
    });
  }
  const { status } = answer;
  io.stdout.write(
    json
      ? `${JSON.stringify({ running: true, ...status })}\n`
      : `awsafe agent ${status.version} running (pid ${status.pid}, ${status.sessions} sessions) on ${status.socket}\n`,
  );
  return ExitCode.Ok;
}
