import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AgentUnavailableError, ensureAgent } from "./agent-client.js";

const dir = mkdtempSync(path.join(tmpdir(), "awsafe-agent-client-"));
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});
let count = 0;
const socketPath = () => path.join(dir, `c${++count}.sock`);

/** A `start` that counts its calls and listens on `socket` a little later, as an agent would. */
function countingStart(socket: string): { start: () => void; calls: () => number } {
  let calls = 0;
  return {
    start: () => {
      calls++;
      setTimeout(() => {
        const server = createServer((connection) => connection.end());
        servers.push(server);
        server.listen(socket);
      }, 50);
    },
    calls: () => calls,
  };
}

describe("ensureAgent", () => {
  it("has one of many clients that find no agent start it; all of them connect", async () => {
    const socket = socketPath();
    const { start, calls } = countingStart(socket);
    const connections = await Promise.all(
      Array.from({ length: 10 }, () => ensureAgent(socket, start)),
    );
    expect(calls()).toBe(1);
    for (const connection of connections) connection.destroy();
    expect(existsSync(`${socket}.starting`)).toBe(false);
  });

  it("takes over a start marker left by a client that died, once it is old", async () => {
    const socket = socketPath();
    writeFileSync(`${socket}.starting`, "");
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${socket}.starting`, old, old);
    const { start, calls } = countingStart(socket);
    (await ensureAgent(socket, start)).destroy();
    expect(calls()).toBe(1);
  });

  it("waits for the client that is starting the agent rather than starting a second one", async () => {
    const socket = socketPath();
    writeFileSync(`${socket}.starting`, "");
    const { start, calls } = countingStart(socket);
    await expect(ensureAgent(socket, start, 200)).rejects.toBeInstanceOf(AgentUnavailableError);
    expect(calls()).toBe(0);
  });
});
