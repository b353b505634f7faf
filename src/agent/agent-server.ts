import { chmod, rm } from "node:fs/promises";
import { createConnection, createServer, type Socket } from "node:net";
import path from "node:path";
import { namedFileLock } from "../lock/named-file-lock.js";
import { agentProtocolVersion } from "./agent-protocol.js";
import { type AgentHandlers, type ConnectionLimits, serveConnection } from "./serve-connection.js";

/** Where and how the agent listens. */
export interface AgentServerOptions {
  readonly socketPath: string;
  /** The agent exits after this long without a request (open idle connections do not count). */
  readonly idleMs: number;
  readonly version: string;
  readonly handlers: AgentHandlers;
  /** Default: 10 s for a request line, 5 min for an MFA answer. */
  readonly limits?: Partial<ConnectionLimits>;
  /** Whether the process was made non-dumpable (shown by `agent status`). */
  readonly memoryProtected?: boolean;
}

const defaultLimits: ConnectionLimits = { requestWaitMs: 10_000, questionWaitMs: 5 * 60_000 };

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
 * 0600, each connection carries one request (see serve-connection.ts), and the agent never
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
  const limits = { ...defaultLimits, ...options.limits };
  const connections = new Set<Socket>();
  let working = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const server = createServer();
  const closed = new Promise<void>((resolve) =>
    server.once("close", () => {
      resolve();
    }),
  );
  let stopping = false;
  // Stopping closes every connection too: an agent holding decrypted keys must not live on
  // because a client keeps its connection open.
  const close = (except?: Socket) => {
    stopping = true;
    clearTimeout(idleTimer);
    server.close();
    for (const socket of connections) if (socket !== except) socket.destroy();
  };
  const armIdle = () => {
    clearTimeout(idleTimer);
    if (working === 0 && !stopping) idleTimer = setTimeout(close, options.idleMs);
  };
  server.on("connection", (socket) => {
    if (stopping) {
      socket.destroy();
      return;
    }
    connections.add(socket);
    socket.on("close", () => connections.delete(socket));
    serveConnection(socket, {
      handlers: options.handlers,
      limits,
      status: () => ({
        pid: process.pid,
        version: options.version,
        protocol: agentProtocolVersion,
        startedAt,
        sessions: options.handlers.sessions(),
        socket: options.socketPath,
        memoryProtected: options.memoryProtected ?? false,
      }),
      stop: () => {
        close(socket);
      },
      busy: (busy) => {
        working += busy ? 1 : -1;
        if (busy) clearTimeout(idleTimer);
        else armIdle();
      },
    });
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
  return {
    closed,
    close: () => {
      close();
    },
  };
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
