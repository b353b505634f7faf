import type { Socket } from "node:net";
import type { AgentConnection } from "./agent-connection.js";
import { readLines } from "./read-lines.js";

/**
 * A connection to the agent on `socketPath` through node:net, or `undefined` when none listens
 * there. node:net (and the stream modules under it) loads on the first call, not with this file.
 */
export function connectOverNet(socketPath: string): Promise<AgentConnection | undefined> {
  const { createConnection } = process.getBuiltinModule("node:net");
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    socket.once("connect", () => {
      socket.on("error", () => undefined);
      resolve(netConnection(socket));
    });
    socket.once("error", () => {
      resolve(undefined);
    });
  });
}

function netConnection(socket: Socket): AgentConnection {
  return {
    write: (text) => {
      socket.write(text);
    },
    onLines: (listener, tooLong) => {
      readLines(socket, listener, tooLong);
    },
    onClose: (listener) => socket.once("close", listener),
    end: () => socket.end(),
    destroy: () => socket.destroy(),
  };
}
