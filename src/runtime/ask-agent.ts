import { agentProtocolVersion } from "../agent/agent-protocol.js";
import { AgentUnavailableError, askAgent, ensureAgent } from "../agent/agent-client.js";
import { agentSocketPath, preparePrivateDir } from "../agent/agent-socket.js";
import { fromWireError } from "../agent/wire-error.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import type { ProviderOptions } from "../providers/credential-provider.js";
import { chooseCliBackend, fileStoreNeedsPrompt } from "./open-configured-store.js";
import type { CommandInput } from "../cli/command-table.js";
import { stringOption } from "../cli/command-input.js";
import { clientMfaSource } from "../cli/credential-input.js";
import type { CliIo } from "../cli/io.js";

/**
 * Asks the agent (starting it when none runs) for the profile's credentials; this process
 * answers its MFA questions. `undefined` when no agent can be reached or started here, or when
 * the encrypted-file store would have to ask for its passphrase (the agent cannot ask), so the
 * caller works in-process instead; the agent's own errors are thrown as they are.
 */
export async function viaAgent(
  io: CliIo,
  input: CommandInput,
  profile: string,
  options: ProviderOptions,
): Promise<ResolvedCredentials | undefined> {
  const socketPath = agentSocket(io);
  if (socketPath === undefined) return undefined;
  const backend = stringOption(input, "backend");
  // The agent never prompts: an encrypted file that needs its passphrase typed is opened here.
  const choice = chooseCliBackend(io, backend);
  if (choice.backend === "file" && fileStoreNeedsPrompt(io, choice.paths)) return undefined;
  preparePrivateDir(socketPath);
  try {
    const socket = await ensureAgent(socketPath, () => startAgent(io));
    const answer = await askAgent(
      socket,
      {
        v: agentProtocolVersion,
        type: "credentials",
        profile,
        env: definedEnv(io.env),
        ...(options.durationSeconds === undefined
          ? {}
          : { durationSeconds: options.durationSeconds }),
        ...(options.noSession === true ? { noSession: true } : {}),
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(backend === undefined ? {} : { backend }),
      },
      clientMfaSource(io, input),
    );
    if (answer.type === "error") throw fromWireError(answer.error);
    if (answer.type !== "credentials") return undefined;
    return { profile, region: answer.region, credentials: answer.credentials };
  } catch (error) {
    if (error instanceof AgentUnavailableError) return undefined;
    throw error;
  }
}

/** The agent's socket for this user and environment. */
export function agentSocket(io: CliIo): string | undefined {
  return agentSocketPath(io.env, locateAwsafePaths(io.env, io.platform).dataDir);
}

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
export async function startAgent(io: CliIo): Promise<void> {
  const [program, ...args] = io.selfCommand;
  if (program === undefined) throw new AgentUnavailableError("cannot tell how to run awsafe");
  const env = Object.fromEntries(
    Object.entries(definedEnv(io.env)).filter(([name]) => !notForAgent.has(name)),
  );
  // Loaded only when no agent runs, off the hot path.
  const { spawn } = await import("node:child_process");
  spawn(program, [...args, "agent", "run"], {
    detached: true,
    stdio: "ignore",
    env,
    cwd: "/",
  }).unref();
}

function definedEnv(env: CliIo["env"]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
