import type { Socket } from "node:net";
import { AuthError, UsageError } from "../errors.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { processOutput, toCredentialsData } from "../ports/credentials-json.js";
import type { DebugLog } from "../ports/debug-log.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import type { SsoSignIn } from "../ports/sso-sign-in.js";
import {
  agentProtocolVersion,
  type AgentMessage,
  type AgentStatus,
  type CredentialsRequest,
  decodeLine,
  encodeMessage,
  type ForgetRequest,
} from "./agent-protocol.js";
import { parseClientMessage } from "./parse-messages.js";
import { fromWireSignedIn, toWireSignInRequest } from "./sign-in-wire.js";
import { readLines } from "./read-lines.js";
import { fromWireError, toWireError } from "./wire-error.js";

/** What the agent does for its clients. */
export interface AgentHandlers {
  /**
   * Resolves a profile, asking `mfa` (the requesting client) for codes. `signal` aborts when the
   * client goes away: a request still waiting for its turn is then dropped. A request with
   * `ifRemembered` gets only a remembered answer, or a ClientOnlyError at once.
   */
  credentials(
    request: CredentialsRequest,
    mfa: MfaCodeSource,
    signal: AbortSignal,
    signIn: SsoSignIn,
    /** Present when the request asked for a trace (`debug`): what was decided and done. */
    debug?: DebugLog,
  ): Promise<{ credentials: AwsCredentials; region: string | undefined }>;
  /** Drops the sessions of a profile and every remembered answer; how many sessions went. */
  forget(request: ForgetRequest): Promise<number>;
  /** How many sessions it holds (for `agent status`). */
  sessions(): number;
}

/** The time limits of one connection. */
export interface ConnectionLimits {
  /** For the request line after connecting (a silent connection is closed). */
  readonly requestWaitMs: number;
  /** For the client's answer to an MFA question (a person finds their device and types). */
  readonly questionWaitMs: number;
  /** For the client's answer to a sign-in question (the sign-in itself waits 10 min at most). */
  readonly signInWaitMs?: number;
}

/** A sign-in takes up to 10 minutes in the client; its answer may take a little longer to come. */
export const defaultSignInWaitMs = 11 * 60_000;

/** The agent as a connection sees it. */
export interface ConnectionContext {
  readonly handlers: AgentHandlers;
  readonly limits: ConnectionLimits;
  readonly status: () => AgentStatus;
  /** Stops the agent: called after the stop request was answered. */
  readonly stop: () => void;
  /** A request started (`true`) or ended (`false`): the agent is idle while none runs. */
  readonly busy: (working: boolean) => void;
}

/**
 * Serves one connection: one request (see agent-protocol.ts), and for `credentials` the MFA
 * questions on the way. Nothing waits without a limit: the request line must come within
 * `requestWaitMs`, an answer to a question within `questionWaitMs`; a question to a client that
 * has gone fails at once, and a request whose client has gone is dropped before its turn.
 */
export function serveConnection(socket: Socket, agent: ConnectionContext): void {
  const left = new AbortController();
  const send = (message: AgentMessage) => socket.write(encodeMessage(message));
  const finish = (message: AgentMessage) => socket.end(encodeMessage(message));
  let question: { answer: (reply: unknown) => void; fail: (error: Error) => void } | undefined;
  let started = false;
  const silent = setTimeout(() => socket.destroy(), agent.limits.requestWaitMs);
  socket.on("error", () => undefined);
  // Whether the request's work is under way: only then has a client's leaving anything to abort
  // (an abort builds its reason, a DOMException with a stack, which was most of what closing an
  // answered connection cost).
  let working = false;
  const busy = (now: boolean) => {
    working = now;
    agent.busy(now);
  };
  socket.on("close", () => {
    clearTimeout(silent);
    if (working) left.abort();
    question?.fail(clientLeft());
  });
  // One question at a time: the agent asks, the client answers (or fails) before anything else.
  const questionOf =
    (waitMs: number, expired: () => Error) =>
    (message: AgentMessage): Promise<unknown> =>
      new Promise((resolve, reject) => {
        if (left.signal.aborted || socket.destroyed || !socket.writable) {
          reject(clientLeft());
          return;
        }
        const timer = setTimeout(() => {
          question = undefined;
          reject(expired());
        }, waitMs);
        question = {
          answer: (reply) => {
            clearTimeout(timer);
            resolve(reply);
          },
          fail: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        send(message);
      });
  const askMfa = questionOf(agent.limits.questionWaitMs, () =>
    noAnswer(agent.limits.questionWaitMs),
  );
  const signInWait = agent.limits.signInWaitMs ?? defaultSignInWaitMs;
  const askSignIn = questionOf(signInWait, () => noSignIn(signInWait));
  const ask: MfaCodeSource = async (request) => {
    const code = await askMfa({ type: "mfa", request });
    if (typeof code !== "string") throw clientLeft();
    return code;
  };
  const signIn: SsoSignIn = async (request) => {
    const signedIn = await askSignIn({
      type: "sso-sign-in",
      request: toWireSignInRequest(request),
    });
    const read = fromWireSignedIn(signedIn);
    if (read === undefined) throw clientLeft();
    return read;
  };
  const onLine = (line: string) => {
    const record = decodeLine(line);
    const message = record === undefined ? undefined : parseClientMessage(record);
    if (message === undefined) {
      finish({
        type: "error",
        error: { kind: "usage", message: "awsafe agent: malformed request" },
      });
      return;
    }
    if (
      message.type === "mfa-code" ||
      message.type === "mfa-failed" ||
      message.type === "sso-signed-in" ||
      message.type === "sso-sign-in-failed"
    ) {
      const pending = question;
      question = undefined;
      if (message.type === "mfa-code") pending?.answer(message.code);
      else if (message.type === "sso-signed-in") pending?.answer(message.signedIn);
      else pending?.fail(fromWireError(message.error));
      return;
    }
    if (started) return;
    started = true;
    clearTimeout(silent);
    // `accepted` waits for the end of this turn of the event loop: an answer ready by then (a
    // remembered one, a status) leaves with it in one write, and the client wakes once.
    socket.cork();
    setImmediate(() => {
      socket.uncork();
    });
    send({ type: "accepted" });
    if (message.v !== agentProtocolVersion) {
      const error = new UsageError(
        `awsafe agent speaks protocol ${agentProtocolVersion}, the client ${message.v}`,
        { hint: "Run `awsafe agent stop`; the next command starts an agent of its own version" },
      );
      finish({ type: "error", error: toWireError(error) });
      return;
    }
    switch (message.type) {
      case "status":
        finish({ type: "status", status: agent.status() });
        return;
      case "stop":
        finish({ type: "stopping" });
        agent.stop();
        return;
      case "forget":
        answer(busy, finish, agent.handlers.forget(message), (sessions) => ({
          type: "forgotten",
          sessions,
        }));
        return;
      case "credentials": {
        const trace: string[] | undefined = message.debug === true ? [] : undefined;
        const traced = trace === undefined ? {} : { trace };
        answer(
          busy,
          finish,
          trace === undefined
            ? agent.handlers.credentials(message, ask, left.signal, signIn)
            : agent.handlers.credentials(message, ask, left.signal, signIn, (line) => {
                trace.push(line);
              }),
          (found) =>
            message.ifRemembered === true
              ? { type: "process-output", text: processOutput(found.credentials) }
              : {
                  type: "credentials",
                  credentials: toCredentialsData(found.credentials),
                  ...(found.region === undefined ? {} : { region: found.region }),
                  ...traced,
                },
          traced,
        );
      }
    }
  };
  readLines(socket, onLine, () => {
    finish({
      type: "error",
      error: { kind: "usage", message: "awsafe agent: a request longer than 1 MiB was refused" },
    });
    socket.destroySoon();
  });
}

/** Sends what `work` comes to, or its error, reporting the request `busy` until it settles. */
function answer<T>(
  busy: (working: boolean) => void,
  finish: (message: AgentMessage) => void,
  work: Promise<T>,
  message: (result: T) => AgentMessage,
  traced: { readonly trace?: readonly string[] } = {},
): void {
  busy(true);
  work.then(
    (result) => {
      finish(message(result));
    },
    (error: unknown) => {
      finish({ type: "error", error: toWireError(error), ...traced });
    },
  );
  void work
    .catch(() => undefined)
    .finally(() => {
      busy(false);
    });
}

function clientLeft(): AuthError {
  return new AuthError("The client that was asked for the MFA code went away", {
    hint: "Run the command again",
  });
}

function noSignIn(waitMs: number): AuthError {
  return new AuthError(
    `No IAM Identity Center sign-in came from the client within ${String(Math.round(waitMs / 60_000))} min`,
    { hint: "Run `awsafe sso login`, then the command again" },
  );
}

function noAnswer(waitMs: number): AuthError {
  return new AuthError(
    `No MFA code came from the client within ${waitMs >= 60_000 ? `${String(Math.round(waitMs / 60_000))} min` : `${String(Math.round(waitMs / 1000))} s`}`,
    { hint: "Run the command again and answer the MFA prompt" },
  );
}
