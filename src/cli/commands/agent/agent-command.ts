import { defineCommand, defineGroup, type InputOf } from "../../command-spec.js";
import { jsonOption } from "../../credential-options.js";

const none = {};
const statusOptions = { json: jsonOption("status as JSON") };

/** What `awsafe agent status` is given. */
export type AgentStatusInput = InputOf<typeof none, typeof statusOptions>;
/** What `awsafe agent start|stop|run` are given. */
export type AgentActionInput = InputOf<typeof none, typeof none>;

/** `awsafe agent start|stop|status` (and the internal `run`). */
export const agentCommand = defineGroup({
  name: "agent",
  description: "the per-user agent holding sessions in memory (started on demand)",
  examples: ["awsafe agent status", "awsafe agent stop"],
  subcommands: [
    defineCommand({
      name: "start",
      examples: ["awsafe agent start", "awsafe agent start && awsafe agent status"],
      description: "start the agent now (commands start it when they need it)",
      args: none,
      options: none,
      load: async () => (await import("./run-agent.js")).runAgentStart,
    }),
    defineCommand({
      name: "stop",
      examples: ["awsafe agent stop", "awsafe agent stop   # forget every session now"],
      description: "stop the agent; its sessions are forgotten",
      args: none,
      options: none,
      load: async () => (await import("./run-agent.js")).runAgentStop,
    }),
    defineCommand({
      name: "status",
      examples: ["awsafe agent status", "awsafe agent status --json"],
      description: "whether the agent runs, its pid and how many sessions it holds (exit 69: none)",
      args: none,
      options: statusOptions,
      load: async () => (await import("./run-agent.js")).runAgentStatus,
    }),
    defineCommand({
      name: "run",
      description: "serve as the agent in this process (what `start` runs in the background)",
      args: none,
      options: none,
      hidden: true,
      load: async () => (await import("./run-agent.js")).runAgentRun,
    }),
  ],
});
