import { chmod, rm } from "node:fs/promises";
import { createConnection, createServer, type Socket } from "node:net";
import path from "node:path";
import { AuthError, UsageError } from "../errors.js";
import { namedFileLock } from "../lock/named-file-lock.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import {
  agentProtocolVersion,
  type AgentMessage,
  type CredentialsRequest,
  decodeLine,
  encodeMessage,
} from "./agent-protocol.js";
import { parseClientMessage } from "./parse-messages.js";
import { readLines } from "./read-lines.js";
import { toCredentialsData } from "../ports/credentials-json.js";
import { fromWireError, toWireError } from "./wire-error.js";

/** What the agent does for its clients. */
export interface AgentHandlers {
  /** Resolves a profile, asking `mfa` (the requesting client) for codes. */
  credentials(
    request: CredentialsRequest,
    mfa: MfaCodeSource,
  ): Promise<{ credentials: AwsCredentials; region: string | undefined }>;
  /** How many sessions it holds (for `agent status`). */
  sessions(): number;
}

/** Where and how the agent listens. */
export interface AgentServerOptions {
  readonly socketPath: string;
  /** The agent exits after this long without a client. */
  readonly idleMs: number;
  readonly version: string;
  readonly handlers: AgentHandlers;
}

/** A listening agent. */
export interface RunningAgent {
  /** Settles when the agent stopped (`stop` request, idle timeout, or {@link close}). */
  readonly closed: Promise<void>;
  close(): void;
}

/** Another agent answers on the socket already. */
export class AgentAlreadyRunning extends Error {}

/**
 * Listens on `socketPath` (its directory must be the private runtime directory). A socket file
 * left by a dead agent is removed first; a live one means another agent runs. The socket is made
 * 0600, each connection carries one request (see `agent-protocol.ts`), and the agent never
 * prompts: MFA questions go back to the client that asked.
 */
export async function listenAgent(options: AgentServerOptions): Promise<RunningAgent> {
  // Many clients may start an agent at once. Checking, removing and listening happen under one
  // lock: otherwise a late starter removes the winner's socket file and listens on its own, and
  // two agents each make their own MFA session.
  const startLock = namedFileLock(path.dirname(options.socketPath));
  return startLock.withLock("agent start", async () => {
    if (await answers(options.socketPath)) throw new AgentAlreadyRunning(options.socketPath);
    await rm(options.socketPath, { force: true });
    return listenOn(options);
  });
}

async function listenOn(options: AgentServerOptions): Promise<RunningAgent> {
  const startedAt = new Date().toISOString();
  let active = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const server = createServer();
  const closed = new Promise<void>((resolve) =>
    server.once("close", () => {
      resolve();
    }),
  );
  let stopping = false;
  const close = () => {
    stopping = true;
    clearTimeout(idleTimer);
    server.close();
  };
  const armIdle = () => {
    clearTimeout(idleTimer);
    if (active === 0 && !stopping) idleTimer = setTimeout(close, options.idleMs);
  };
  server.on("connection", (socket) => {
    active++;
    clearTimeout(idleTimer);
    socket.on("close", () => {
      active--;
      armIdle();
    });
    serve(socket, options, { startedAt, stop: close });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new AgentAlreadyRunning(options.socketPath) : error);
    });
    server.listen(options.socketPath, () => {
      resolve();
    });
  });
  await chmod(options.socketPath, 0o600);
  armIdle();
  return { closed, close };
}

function serve(
  socket: Socket,
  options: AgentServerOptions,
  agent: { readonly startedAt: string; readonly stop: () => void },
): void {
  const send = (message: AgentMessage) => socket.write(encodeMessage(message));
  const finish = (message: AgentMessage) => socket.end(encodeMessage(message));
  let pendingMfa: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  let started = false;
  socket.on("error", () => undefined);
  socket.on("close", () => {
    pendingMfa?.reject(
      new AuthError("The client that was asked for the MFA code went away", {
        hint: "Run the command again",
      }),
    );
  });
  const mfa: MfaCodeSource = (request) =>
    new Promise((resolve, reject) => {
      pendingMfa = { resolve, reject };
      send({ type: "mfa", request });
    });
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
    if (message.type === "mfa-code" || message.type === "mfa-failed") {
      const pending = pendingMfa;
      pendingMfa = undefined;
      if (message.type === "mfa-code") pending?.resolve(message.code);
      else pending?.reject(fromWireError(message.error));
      return;
    }
    if (started) return;
    started = true;
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
        finish({
          type: "status",
          status: {
            pid: process.pid,
            version: options.version,
            protocol: agentProtocolVersion,
            startedAt: agent.startedAt,
            sessions: options.handlers.sessions(),
            socket: options.socketPath,
          },
        });
        return;
      case "stop":
        finish({ type: "stopping" });
        agent.stop();
        return;
      case "credentials":
        options.handlers.credentials(message, mfa).then(
          ({ credentials, region }) => {
            finish({
              type: "credentials",
              credentials: toCredentialsData(credentials),
              ...(region === undefined ? {} : { region }),
            });
          },
          (error: unknown) => {
            finish({ type: "error", error: toWireError(error) });
          },
        );
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

/** Whether an agent answers on the socket. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(socketPath);
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => {
      resolve(false);
    });
  });
}
