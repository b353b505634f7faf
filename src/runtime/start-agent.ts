import type { StartedAgent } from "../agent/agent-client.js";
import { AgentUnavailableError } from "../agent/agent-client.js";
import type { RuntimeContext } from "./context.js";

/** Variables the agent is never started with: secrets it does not need from its parent. */
const notForAgent = new Set([
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWSAFE_FILE_PASSPHRASE",
]);

/**
 * Starts `awsafe agent run` in the background, detached from this process and its terminal.
 * Each request brings the client's environment; the agent's own keeps no secrets.
 */
export async function startAgent(context: RuntimeContext): Promise<StartedAgent> {
  const [program, ...args] = context.selfCommand;
  if (program === undefined) throw new AgentUnavailableError("cannot tell how to run awsafe");
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.env)) {
    if (value !== undefined && !notForAgent.has(name)) env[name] = value;
  }
  // Loaded only when no agent runs, off the hot path.
  const { spawn } = await import("node:child_process");
  let exited = false;
  const child = spawn(program, [...args, "agent", "run"], {
    detached: true,
    stdio: "ignore",
    env,
    cwd: "/",
  });
  child.once("exit", () => (exited = true));
  child.once("error", () => (exited = true));
  child.unref();
  return { exited: () => exited };
}
