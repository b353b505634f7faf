import { styleFor } from "../../format/style.js";
import type { AgentStatus } from "../../../agent/agent-protocol.js";
import { ExitCode } from "../../../errors.js";
import { agentStatus, runAgent, startAgentNow, stopAgent } from "../../../runtime/agent-control.js";
import type { CommandRun } from "../../command-spec.js";
import type { CliIo } from "../../io.js";
import type { AgentActionInput, AgentStatusInput } from "./agent-command.js";

/** `awsafe agent start`: starts the agent unless one runs, and prints its status. */
export const runAgentStart: CommandRun<AgentActionInput> = async (_input, io) => {
  printStatus(io, await startAgentNow(io), false);
  return ExitCode.Ok;
};

/** `awsafe agent stop`. */
export const runAgentStop: CommandRun<AgentActionInput> = async (_input, io) => {
  const stopped = await stopAgent(io);
  io.stdout.write(stopped ? "awsafe agent: stopped\n" : "awsafe agent: not running\n");
  return ExitCode.Ok;
};

/** `awsafe agent status [--json]`: exit 69 when none runs. */
export const runAgentStatus: CommandRun<AgentStatusInput> = async (input, io) => {
  const status = await agentStatus(io);
  if (status === undefined) {
    io.stdout.write(
      input.json ? `${JSON.stringify({ running: false })}\n` : "awsafe agent: not running\n",
    );
    return ExitCode.Unavailable;
  }
  printStatus(io, status, input.json);
  return ExitCode.Ok;
};

/** `awsafe agent run`: serves until stopped or idle. */
export const runAgentRun: CommandRun<AgentActionInput> = async (_input, io) => {
  await runAgent(io);
  return ExitCode.Ok;
};

function printStatus(io: CliIo, status: AgentStatus, json: boolean): void {
  io.stdout.write(
    json
      ? `${JSON.stringify({ running: true, ...status })}\n`
      : `awsafe agent ${status.version} ${styleFor(io.stdout, io.env)("ok", "✓ running")} (pid ${status.pid}, ${status.sessions} sessions${status.memoryProtected ? ", memory closed to other processes" : ""}) on ${status.socket}\n`,
  );
}
