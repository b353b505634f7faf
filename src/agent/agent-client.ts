import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import type { SsoSignIn } from "../ports/sso-sign-in.js";
import { isProcessAlive } from "../process-alive.js";
import type { AgentConnection } from "./agent-connection.js";
import { type AgentReply, type AgentRequest, decodeLine, encodeMessage } from "./agent-protocol.js";
import { connectOverNet } from "./net-connection.js";
import { startDeadline } from "./deadline.js";
import { parseAgentMessage } from "./parse-messages.js";
import { connectOverPipe, pipeBindings } from "./pipe-connection.js";
import { fromWireSignInRequest, toWireSignedIn } from "./sign-in-wire.js";
import { toWireError } from "./wire-error.js";

/** No agent could be reached or started; the caller works in-process instead. */
export class AgentUnavailableError extends Error {}

/** How a client reaches the agent: Node's pipe handle where it is usable, else node:net. */
export type AgentTransport = "pipe" | "net";

/**
 * A connection to the agent on `socketPath`, or `undefined` when none listens there. Through
 * Node's pipe handle when this runtime has it as expected (pipe-connection.ts), else, or when
 * `transport` says so, through node:net.
 */
export function connectAgent(
  socketPath: string,
  transport: AgentTransport = "pipe",
): Promise<AgentConnection | undefined> {
  const bindings = transport === "pipe" ? pipeBindings() : undefined;
  return bindings === undefined
    ? connectOverNet(socketPath)
    : connectOverPipe(bindings, socketPath);
}

/** An agent process this client started: whether it has exited (it cannot serve then). */
export interface StartedAgent {
  readonly exited: () => boolean;
}

/** How long a client waits for an agent it (or another client) started to listen. */
export const agentStartWaitMs = 10_000;

/**
 * A connection to a running agent, starting one with `start` when none answers, then waiting up
 * to `waitMs` for it to listen. Of many clients that find no agent at once, the one that creates
 * `<socket>.starting` (holding its pid) starts it and the others wait for it: one agent process,
 * not one each. An agent this client started that exits without listening ends the wait at once
 * (another agent that won the race still answers). `checkpoint` is called with
 * `agent-start-claimed` once this client has claimed the start (tests crash there).
 *
 * @throws AgentUnavailableError when none answers in time.
 */
export async function ensureAgent(
  socketPath: string,
  start: () => StartedAgent | undefined | Promise<StartedAgent | undefined>,
  waitMs = agentStartWaitMs,
  checkpoint?: (step: string) => void,
): Promise<AgentConnection> {
  const running = await connectAgent(socketPath);
  if (running !== undefined) return running;
  const marker = `${socketPath}.starting`;
  const starter = claimStart(marker, waitMs);
  if (starter) checkpoint?.("agent-start-claimed");
  const deadline = Date.now() + waitMs;
  try {
    const started = starter ? await start() : undefined;
    while (Date.now() < deadline) {
      await sleep(25);
      const exited = started?.exited() === true;
      const socket = await connectAgent(socketPath);
      if (socket !== undefined) return socket;
      if (exited) {
        throw new AgentUnavailableError("the awsafe agent exited as it started, without serving");
      }
    }
  } finally {
    if (starter) rmSync(marker, { force: true });
  }
  throw new AgentUnavailableError(
    `no awsafe agent answered within ${String(waitMs / 1000)} s of being started`,
  );
}

/**
 * Whether this client starts the agent: it created `marker` (and wrote its pid into it), or took
 * over one whose writer is no longer running (a client killed while starting the agent), or any
 * older than `staleMs` (the starter removes its marker by then).
 */
function claimStart(marker: string, staleMs: number): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(marker, `${String(process.pid)}\n`, { flag: "wx", mode: 0o600 });
      return true;
    } catch {
      if (!abandoned(marker, staleMs)) return false;
      rmSync(marker, { force: true });
    }
  }
  return false;
}

function abandoned(marker: string, staleMs: number): boolean {
  let text: string;
  try {
    text = readFileSync(marker, "utf8");
  } catch {
    // Gone since: the next attempt creates it.
    return true;
  }
  const pid = /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
  if (pid !== undefined && !isProcessAlive(pid)) return true;
  // A live pid may be another program's that reused a dead client's: the starter removes its
  // marker within `staleMs` in any case.
  const age = Date.now() - (statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return age >= staleMs;
}

/**
 * How long a client waits for the agent's first word on a request: a live agent says
 * `accepted` (or answers) at once, even while it works on other requests, so silence means it
 * is stopped or wedged. Long enough for an agent busy with one scrypt unlock of the file store.
 */
export const agentAnswerWaitMs = 5_000;

/**
 * How long a client waits between two messages once the agent has accepted a request, not
 * counting the time this client spends asking its person for an MFA code. The agent's own waits
 * are bounded (5 min for its turn, 5 min for an MFA answer, 60 s for a child process), so only a
 * stopped agent stays silent this long.
 */
export const agentWorkWaitMs = 12 * 60_000;

/**
 * Sends one request and returns the agent's answer. MFA questions on the way are put to `mfa`
 * (this client prompts; the agent never does) and its answer, or its error, goes back.
 *
 * @throws AgentUnavailableError when the agent closes the connection without an answer, or says
 *   nothing within `answerWaitMs`.
 */
export function askAgent(
  connection: AgentConnection,
  request: AgentRequest,
  mfa?: MfaCodeSource,
  answerWaitMs = agentAnswerWaitMs,
  signIn?: SsoSignIn,
): Promise<Exclude<AgentReply, { type: "mfa" | "sso-sign-in" | "accepted" }>> {
  return new Promise((resolve, reject) => {
    // Sent first: the agent works on it while this process sets up its listeners and its
    // deadline below, and nothing arrives before this function returns to the event loop.
    connection.write(encodeMessage(request));
    let answered = false;
    let waited = answerWaitMs;
    const silent = startDeadline(answerWaitMs, () => {
      connection.destroy();
      reject(
        new AgentUnavailableError(`the awsafe agent did not answer within ${formatWait(waited)}`),
      );
    });
    const expect = (waitMs: number) => {
      waited = waitMs;
      silent.restart(waitMs);
    };
    connection.onClose(() => {
      silent.cancel();
      if (!answered) reject(new AgentUnavailableError("the awsafe agent closed the connection"));
    });
    connection.onLines(
      (line) => {
        const record = decodeLine(line);
        const message = record === undefined ? undefined : parseAgentMessage(record);
        if (message === undefined) return;
        silent.cancel();
        if (message.type === "accepted") {
          expect(agentWorkWaitMs);
          return;
        }
        if (message.type === "sso-sign-in") {
          // This client signs in for every request waiting on the agent; no limit meanwhile
          // (the sign-in has its own, 10 min).
          const run: SsoSignIn = signIn ?? (() => Promise.reject(new Error("no sign-in here")));
          const wanted = fromWireSignInRequest(message.request);
          (wanted === undefined ? Promise.reject(new Error("malformed")) : run(wanted)).then(
            (signedIn) => {
              expect(agentWorkWaitMs);
              connection.write(
                encodeMessage({ type: "sso-signed-in", signedIn: toWireSignedIn(signedIn) }),
              );
            },
            (error: unknown) => {
              expect(agentWorkWaitMs);
              connection.write(
                encodeMessage({ type: "sso-sign-in-failed", error: toWireError(error) }),
              );
            },
          );
          return;
        }
        if (message.type !== "mfa") {
          answered = true;
          connection.end();
          resolve(message);
          return;
        }
        // The agent waits for this client now: no limit while its person finds the code.
        const ask: MfaCodeSource = mfa ?? (() => Promise.reject(new Error("no MFA source")));
        ask(message.request).then(
          (code) => {
            expect(agentWorkWaitMs);
            connection.write(encodeMessage({ type: "mfa-code", code }));
          },
          (error: unknown) => {
            expect(agentWorkWaitMs);
            connection.write(encodeMessage({ type: "mfa-failed", error: toWireError(error) }));
          },
        );
      },
      () => {
        connection.destroy();
        reject(new AgentUnavailableError("the awsafe agent sent a message too long to be one"));
      },
    );
  });
}

function formatWait(ms: number): string {
  return ms >= 60_000 ? `${String(Math.round(ms / 60_000))} min` : `${String(ms / 1000)} s`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
