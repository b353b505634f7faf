import { rmSync, statSync, writeFileSync } from "node:fs";
import { createConnection, type Socket } from "node:net";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import { type AgentReply, type AgentRequest, decodeLine, encodeMessage } from "./agent-protocol.js";
import { parseAgentMessage } from "./parse-messages.js";
import { toWireError } from "./wire-error.js";

/** No agent could be reached or started; the caller works in-process instead. */
export class AgentUnavailableError extends Error {}

/** A connection to the agent on `socketPath`, or `undefined` when none listens there. */
export function connectAgent(socketPath: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    socket.once("connect", () => {
      resolve(socket);
    });
    socket.once("error", () => {
      resolve(undefined);
    });
  });
}

/**
 * A connection to a running agent, starting one with `start` when none answers, then waiting up
 * to `waitMs` for it to listen. Of many clients that find no agent at once, the one that creates
 * `<socket>.starting` starts it and the others wait for it: one agent process, not one each.
 *
 * @throws AgentUnavailableError when none answers in time.
 */
export async function ensureAgent(
  socketPath: string,
  start: () => void | Promise<void>,
  waitMs = 10_000,
): Promise<Socket> {
  const running = await connectAgent(socketPath);
  if (running !== undefined) return running;
  const marker = `${socketPath}.starting`;
  const starter = claimStart(marker, waitMs);
  try {
    if (starter) await start();
    for (let waited = 0; waited < waitMs; waited += 25) {
      await sleep(25);
      const socket = await connectAgent(socketPath);
      if (socket !== undefined) return socket;
    }
  } finally {
    if (starter) rmSync(marker, { force: true });
  }
  throw new AgentUnavailableError(`no awsafe agent answered on ${socketPath}`);
}

/**
 * Whether this client starts the agent: it created `marker`, or took over one older than
 * `staleMs` (left by a client that died while starting it).
 */
function claimStart(marker: string, staleMs: number): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(marker, "", { flag: "wx", mode: 0o600 });
      return true;
    } catch {
      const age = Date.now() - (statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < staleMs) return false;
      rmSync(marker, { force: true });
    }
  }
  return false;
}

/**
 * Sends one request and returns the agent's answer. MFA questions on the way are put to `mfa`
 * (this client prompts; the agent never does) and its answer, or its error, goes back.
 *
 * @throws AgentUnavailableError when the agent closes the connection without an answer.
 */
export function askAgent(
  socket: Socket,
  request: AgentRequest,
  mfa?: MfaCodeSource,
): Promise<Exclude<AgentReply, { type: "mfa" }>> {
  return new Promise((resolve, reject) => {
    let answered = false;
    socket.on("error", () => undefined);
    socket.once("close", () => {
      if (!answered) reject(new AgentUnavailableError("the awsafe agent closed the connection"));
    });
    onLines(socket, (line) => {
      const record = decodeLine(line);
      const message = record === undefined ? undefined : parseAgentMessage(record);
      if (message === undefined) return;
      if (message.type !== "mfa") {
        answered = true;
        socket.end();
        resolve(message);
        return;
      }
      const ask: MfaCodeSource = mfa ?? (() => Promise.reject(new Error("no MFA source")));
      ask(message.request).then(
        (code) => socket.write(encodeMessage({ type: "mfa-code", code })),
        (error: unknown) =>
          socket.write(encodeMessage({ type: "mfa-failed", error: toWireError(error) })),
      );
    });
    socket.write(encodeMessage(request));
  });
}

/**
 * Calls `listener` with each newline-terminated line `socket` receives. Written out rather than
 * taken from node:readline: this runs on every `credential_process` call, and loading readline
 * is a measurable part of that call's start-up.
 */
function onLines(socket: Socket, listener: (line: string) => void): void {
  let pending = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    pending += chunk;
    let end = pending.indexOf("\n");
    while (end !== -1) {
      listener(pending.slice(0, end));
      pending = pending.slice(end + 1);
      end = pending.indexOf("\n");
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
