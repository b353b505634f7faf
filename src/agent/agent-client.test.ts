import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { agentProtocolVersion } from "./agent-protocol.js";
import { AgentUnavailableError, askAgent, connectAgent, ensureAgent } from "./agent-client.js";

const dir = mkdtempSync(path.join(tmpdir(), "awsafe-agent-client-"));
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});
let count = 0;
const socketPath = () => path.join(dir, `c${++count}.sock`);

/** A `start` that counts its calls and listens on `socket` a little later, as an agent would. */
function countingStart(socket: string): { start: () => undefined; calls: () => number } {
  let calls = 0;
  return {
    start: () => {
      calls++;
      setTimeout(() => {
        const server = createServer((connection) => connection.end());
        servers.push(server);
        server.listen(socket);
      }, 50);
      return undefined;
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

  it("takes over at once a start marker whose writer has died (killed while starting the agent)", async () => {
    const socket = socketPath();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout;
    writeFileSync(`${socket}.starting`, `${dead}\n`);
    const { start, calls } = countingStart(socket);
    const started = Date.now();
    (await ensureAgent(socket, start)).destroy();
    expect(calls()).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("writes its pid into the marker it claims, and waits for a live starter's", async () => {
    const socket = socketPath();
    let marker = "";
    const { start } = countingStart(socket);
    (
      await ensureAgent(socket, () => {
        marker = readFileSync(`${socket}.starting`, "utf8");
        start();
        return undefined;
      })
    ).destroy();
    expect(marker).toBe(`${String(process.pid)}\n`);
    const other = socketPath();
    writeFileSync(`${other}.starting`, `${String(process.ppid)}\n`);
    const second = countingStart(other);
    await expect(ensureAgent(other, second.start, 200)).rejects.toBeInstanceOf(
      AgentUnavailableError,
    );
    expect(second.calls()).toBe(0);
  });

  it("waits for the client that is starting the agent rather than starting a second one", async () => {
    const socket = socketPath();
    writeFileSync(`${socket}.starting`, "");
    const { start, calls } = countingStart(socket);
    await expect(ensureAgent(socket, start, 200)).rejects.toBeInstanceOf(AgentUnavailableError);
    expect(calls()).toBe(0);
  });
});

describe("bounded waits", () => {
  it("stops waiting as soon as the agent it started has exited without listening", async () => {
    const socket = socketPath();
    const started = Date.now();
    const failed = ensureAgent(socket, () => ({ exited: () => true }), 10_000);
    await expect(failed).rejects.toThrow(/exited as it started/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("gives up on an agent that accepts the connection but never says a word", async () => {
    const socket = socketPath();
    const server = createServer(() => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    const connection = await connectAgent(socket);
    if (connection === undefined) throw new Error("the test server does not listen");
    const started = Date.now();
    const asked = askAgent(connection, { v: agentProtocolVersion, type: "status" }, undefined, 300);
    await expect(asked).rejects.toThrow(/did not answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
