import { agentSocketPath } from "../agent/agent-socket.js";
import type { AppContext } from "../app/app-context.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import type { RuntimeContext } from "./context.js";
import { chooseConfiguredBackend, fileStoreNeedsPrompt } from "./configured-backend.js";
import { onOffSetting } from "./on-off-setting.js";

/**
 * Where a credential request is worked out: by the per-user agent on its socket, or in this
 * process. `notify` says whether the person should be told (the agent was wanted but cannot
 * serve); the routes chosen by design (`--no-agent`, a passphrase to type) are silent but for
 * `--debug`.
 */
export type AgentRoute =
  | { readonly kind: "agent"; readonly socketPath: string }
  | { readonly kind: "in-process"; readonly reason: string };

/**
 * The one agent-or-not decision, made before anything is started or waited for. In this process
 * when: `--no-agent`; `AWSAFE_AGENT=off`; this run already found the agent unable to answer;
 * Windows (no Unix socket yet); the socket path would be too long; the encrypted-file store
 * would need its passphrase typed (the agent cannot ask). Otherwise the agent.
 *
 * @throws UsageError when `AWSAFE_AGENT` has a value other than `on`/`off` (or `1`/`0`,
 *   `true`/`false`, `yes`/`no`).
 */
export function chooseAgentRoute(
  context: RuntimeContext,
  request: { readonly agent: boolean; readonly backend: string | undefined },
): AgentRoute {
  if (!request.agent) return inProcess("--no-agent");
  if (!onOffSetting("AWSAFE_AGENT", context.env.AWSAFE_AGENT, "to work without the agent")) {
    return inProcess("AWSAFE_AGENT=off");
  }
  if (context.agentUnavailable !== undefined) return inProcess(context.agentUnavailable);
  if (context.platform.platform === "win32") return inProcess("no agent on Windows yet");
  const paths = locateAwsafePaths(context.env, context.platform);
  const socketPath = agentSocketPath(context.env, paths.dataDir);
  if (socketPath === undefined) return inProcess("the agent's socket path would be too long");
  const choice = chooseConfiguredBackend(context, request.backend, paths);
  if (choice.backend === "file" && fileStoreNeedsPrompt(context, choice.paths)) {
    return inProcess("the encrypted store's passphrase is to be typed here");
  }
  return { kind: "agent", socketPath };
}

/** The agent's socket for this user and environment; `undefined` when too long for a socket. */
export function agentSocket(context: AppContext): string | undefined {
  return agentSocketPath(context.env, locateAwsafePaths(context.env, context.platform).dataDir);
}

function inProcess(reason: string): AgentRoute {
  return { kind: "in-process", reason };
}
