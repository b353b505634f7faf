import type { StartedAgent } from "../agent/agent-client.js";
import { AgentUnavailableError } from "../agent/agent-client.js";
import { childEnvironment } from "../process/child-environment.js";
import type { RuntimeContext } from "./context.js";

/**
 * Starts `awsafe agent run` in the background, detached from this process and its terminal.
 * Each request brings the client's environment, so the agent's own keeps no secrets: neither
 * awsafe's passphrase nor the AWS credentials of the shell that happened to start it.
 */
export function startAgent(context: RuntimeContext): StartedAgent {
  const [program, ...args] = context.selfCommand;
  if (program === undefined) throw new AgentUnavailableError("cannot tell how to run awsafe");
  // Loaded only when no agent runs, off the hot path; not by import(), which the hot path's
  // code, run from V8's code cache (runtime/cached-entry.ts), cannot make.
  const { spawn } = process.getBuiltinModule("node:child_process");
  let exited = false;
  const child = spawn(program, [...args, "agent", "run"], {
    detached: true,
    stdio: "ignore",
    env: childEnvironment(context.env, "drop-aws-credentials"),
    cwd: "/",
  });
  child.once("exit", () => (exited = true));
  child.once("error", () => (exited = true));
  child.unref();
  return { exited: () => exited };
}
