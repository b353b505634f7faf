import type { Server } from "node:net";
import type { Socket } from "node:net";

/** The endpoint's connections, split between its known clients and everyone else. */
export interface ConnectionSlots {
  /**
   * Marks `socket` as a known client's: it showed the container token or a valid IMDSv2 session
   * token. It is never closed to make room, and may use the share strangers cannot.
   */
  trust(socket: Socket): void;
}

/** How many connections, and how many of them only known clients may hold. */
export interface SlotLimits {
  readonly maxConnections: number;
  readonly reservedForClients: number;
}

/**
 * Admits every connection up to `maxConnections`, of which strangers (connections that have not
 * shown a token yet) hold at most `maxConnections - reservedForClients`. A new connection past
 * either bound closes the oldest stranger instead of being refused: a stranger cannot be told
 * from the real client before it sends a request, so refusing newcomers would refuse the client
 * too while a flood of reconnecting sockets holds every slot (which `server.maxConnections`
 * does). Closing the oldest gives every newcomer, the client's included, the time that many
 * arrivals take to send its request, and once it has shown its token its connection is safe.
 * Only when every slot is a known client's is a newcomer dropped.
 */
export function shareConnections(server: Server, limits: SlotLimits): ConnectionSlots {
  const strangerShare = Math.max(1, limits.maxConnections - limits.reservedForClients);
  // Insertion order is age: the first stranger is the oldest.
  const strangers = new Set<Socket>();
  const clients = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    const full = strangers.size + clients.size >= limits.maxConnections;
    if (full || strangers.size >= strangerShare) {
      const oldest = strangers.values().next();
      if (oldest.done === true) {
        socket.destroy();
        return;
      }
      strangers.delete(oldest.value);
      oldest.value.destroy();
    }
    strangers.add(socket);
    socket.once("close", () => {
      strangers.delete(socket);
      clients.delete(socket);
    });
  });
  return {
    trust(socket) {
      if (strangers.delete(socket)) clients.add(socket);
    },
  };
}
