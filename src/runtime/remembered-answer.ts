import { lstatSync } from "node:fs";
import { dirname } from "node:path";
import { agentProtocolVersion, decodeLine, encodeMessage } from "../agent/agent-protocol.js";
import { agentSocketPath, isPrivateDir } from "../agent/agent-socket.js";
import { exchangeLine, pipeBindings } from "../agent/pipe-connection.js";
import type { Environment, PlatformFacts } from "../ports/environment.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import { onOffSetting } from "./on-off-setting.js";
import { requestEnvironment } from "./request-environment.js";

/**
 * How long a client waits for a remembered answer: an agent that remembers one answers in the
 * turn it reads the request. Past it the client asks in full, and waits as long as that allows.
 */
export const rememberedWaitMs = 1000;

/**
 * The line `credential-process <profile>` prints, when the running agent remembers its answer
 * to this very request (the profile, these variables, over unchanged files: answer-cache.ts);
 * otherwise `undefined`, and the caller goes the whole way (agent-route.ts's decision, then the
 * agent asked in full, or this process). Everything that decision reads is part of what the
 * agent's memory is keyed on, so an answer it remembers is one the whole way would have been
 * given by the agent too. Asked before any of awsafe's other code is loaded, so only where
 * nothing can be in doubt: not with `AWSAFE_AGENT` off (or unreadable), not on Windows, and only
 * over Node's pipe handle (pipe-connection.ts); the socket's directory must be private (a
 * request carries the client's variables), as for every client. Nothing is started here: no
 * agent, no directory made.
 */
export async function rememberedAnswer(
  profile: string,
  env: Environment,
  platform: PlatformFacts,
): Promise<string | undefined> {
  if (platform.platform === "win32" || !agentWanted(env)) return undefined;
  const bindings = pipeBindings();
  if (bindings === undefined) return undefined;
  const socketPath = agentSocketPath(env, locateAwsafePaths(env, platform).dataDir);
  if (socketPath === undefined) return undefined;
  if (!isPrivateDir(lstatSync(dirname(socketPath), { throwIfNoEntry: false }))) return undefined;
  const request = encodeMessage({
    v: agentProtocolVersion,
    type: "credentials",
    profile,
    env: requestEnvironment(env),
    ifRemembered: true,
  });
  const accepted = encodeMessage({ type: "accepted" }).slice(0, -1);
  return rememberedLine(
    await exchangeLine(bindings, socketPath, request, accepted, rememberedWaitMs),
  );
}

/** The `process-output` line `answer` carries, when it can be the document printed. */
function rememberedLine(answer: string | undefined): string | undefined {
  const record = answer === undefined ? undefined : decodeLine(answer);
  const text = record?.type === "process-output" ? record.text : undefined;
  return typeof text === "string" &&
    text.startsWith('{"Version":1,') &&
    text.endsWith("}\n") &&
    text.indexOf("\n") === text.length - 1
    ? text
    : undefined;
}

/** `AWSAFE_AGENT` is on; a value that is neither on nor off is the whole way's to report. */
function agentWanted(env: Environment): boolean {
  try {
    return onOffSetting("AWSAFE_AGENT", env.AWSAFE_AGENT, "");
  } catch {
    return false;
  }
}
