import { connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { shareConnections, type ConnectionSlots } from "./connection-slots.js";

let server: Server | undefined;
const clients: Socket[] = [];
afterEach(async () => {
  for (const socket of clients.splice(0)) socket.destroy();
  const stopping = server;
  server = undefined;
  if (stopping !== undefined) {
    await new Promise((resolve) => {
      stopping.close(resolve);
    });
  }
});

/** A TCP server with the slots, and the server side of each connection in order of arrival. */
async function start(maxConnections: number, reservedForClients: number) {
  const accepted: Socket[] = [];
  const listening = createServer();
  server = listening;
  const slots: ConnectionSlots = shareConnections(listening, {
    maxConnections,
    reservedForClients,
  });
  listening.on("connection", (socket: Socket) => accepted.push(socket));
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const address = listening.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  /** Connects, and resolves once the server has seen the connection (its server side). */
  const arrive = async () => {
    const before = accepted.length;
    const socket = connect({ host: "127.0.0.1", port });
    socket.on("error", () => undefined);
    const closed = new Promise<void>((resolve) => {
      socket.once("close", () => {
        resolve();
      });
    });
    clients.push(socket);
    await expect.poll(() => accepted.length).toBe(before + 1);
    return { client: socket, server: accepted[before], closed, isOpen: () => !socket.closed };
  };
  return { slots, arrive };
}

describe("shareConnections", () => {
  it("closes the oldest stranger for a newcomer once strangers fill their share", async () => {
    const { arrive } = await start(4, 1);
    const a = await arrive();
    const b = await arrive();
    const c = await arrive();
    const d = await arrive();
    await a.closed;
    expect([b, c, d].map((x) => x.isOpen())).toEqual([true, true, true]);
  });

  it("never closes a trusted connection to make room, and drops newcomers only when all are trusted", async () => {
    const { slots, arrive } = await start(3, 1);
    const a = await arrive();
    const b = await arrive();
    if (a.server === undefined || b.server === undefined) throw new Error("not accepted");
    slots.trust(a.server);
    const c = await arrive();
    // Strangers may hold two slots: b and c fit beside the trusted a.
    expect([a.isOpen(), b.isOpen(), c.isOpen()]).toEqual([true, true, true]);
    const d = await arrive();
    await b.closed;
    expect([a.isOpen(), c.isOpen(), d.isOpen()]).toEqual([true, true, true]);
    if (c.server === undefined || d.server === undefined) throw new Error("not accepted");
    slots.trust(c.server);
    slots.trust(d.server);
    const e = await arrive();
    await e.closed;
    expect([a.isOpen(), c.isOpen(), d.isOpen()]).toEqual([true, true, true]);
  });
});
