import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { AuthError } from "../errors.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import { type AgentTransport, askAgent, connectAgent } from "./agent-client.js";
import { processOutput } from "../ports/credentials-json.js";
import { agentProtocolVersion, type CredentialsRequest, encodeMessage } from "./agent-protocol.js";
import { AgentAlreadyRunning, listenAgent } from "./agent-server.js";
import { ClientOnlyError } from "./client-only-error.js";
import type { AgentHandlers } from "./serve-connection.js";
import { fromWireError } from "./wire-error.js";

const dir = mkdtempSync(path.join(tmpdir(), "awsafe-agent-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let count = 0;
const socketPath = () => path.join(dir, `a${++count}.sock`);

const request: CredentialsRequest = {
  v: agentProtocolVersion,
  type: "credentials",
  profile: "admin",
  env: { HOME: "/nowhere" },
};
const mfaRequest: MfaRequest = { serialNumber: "arn:aws:iam::1:mfa/a", profile: "a", attempt: 1 };

/** Handlers that ask the client for one code and hand out credentials named after it. */
const askingHandlers: AgentHandlers = {
  sessions: () => 7,
  forget: () => Promise.resolve(0),
  credentials: async (_request, mfa) => {
    const code = await mfa(mfaRequest);
    return {
      credentials: {
        accessKeyId: `ASIAFAKE${code}`,
        secretAccessKey: "fake-TEST",
        expiration: new Date(0),
      },
      region: "eu-west-1",
    };
  },
};

/** A plain node:net socket to the agent, to send it what no client would. */
function rawClient(socket: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const raw = createConnection(socket);
    raw.once("connect", () => {
      resolve(raw);
    });
    raw.once("error", reject);
  });
}

/** An agent on `socket` with {@link askingHandlers}. */
const listenTest = (
  socket: string,
  idleMs = 60_000,
  limits: { requestWaitMs?: number; questionWaitMs?: number } = {},
) => listenAgent({ socketPath: socket, idleMs, version: "t", handlers: askingHandlers, limits });

// The client reaches the agent through Node's pipe handle, and through node:net where that is
// not usable (Bun, the permission model): every conversation is held both ways.
describe.each<AgentTransport>(["pipe", "net"])("the agent server and client (%s)", (transport) => {
  async function client(socket: string) {
    const connection = await connectAgent(socket, transport);
    if (connection === undefined) throw new Error("agent not listening");
    return connection;
  }

  it("relays the MFA question to the client that asked and returns the credentials", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket);
    const asked: MfaRequest[] = [];
    const answer = await askAgent(await client(socket), request, (question) => {
      asked.push(question);
      return Promise.resolve("123456");
    });
    expect(asked).toEqual([mfaRequest]);
    expect(answer).toEqual({
      type: "credentials",
      credentials: {
        accessKeyId: "ASIAFAKE123456",
        secretAccessKey: "fake-TEST",
        expiration: new Date(0),
      },
      region: "eu-west-1",
    });
    const status = await askAgent(await client(socket), {
      v: agentProtocolVersion,
      type: "status",
    });
    expect(status).toMatchObject({ type: "status", status: { sessions: 7, socket, protocol: 1 } });
    agent.close();
    await agent.closed;
  });

  it("sends the client's MFA failure back as the same kind of error", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket);
    const answer = await askAgent(await client(socket), request, () =>
      Promise.reject(new AuthError("no code", { hint: "give one" })),
    );
    expect(answer.type).toBe("error");
    if (answer.type === "error") {
      const error = fromWireError(answer.error);
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ message: "no code", hint: "give one" });
    }
    agent.close();
    await agent.closed;
  });

  it("refuses another protocol version and malformed lines", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket);
    const answer = await askAgent(await client(socket), { ...request, v: 99 });
    expect(answer).toMatchObject({ type: "error", error: { kind: "usage" } });
    const raw = await rawClient(socket);
    const reply = await new Promise<string>((resolve) => {
      let text = "";
      raw.on("data", (chunk: Buffer) => (text += chunk.toString()));
      raw.on("end", () => {
        resolve(text);
      });
      raw.write('{"type":"credentials","v":1,"profile":5}\n');
    });
    expect(reply).toContain("malformed request");
    agent.close();
    await agent.closed;
  });

  it("refuses a line longer than 1 MiB, closes that connection, and keeps serving", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket);
    const raw = await rawClient(socket);
    const reply = await new Promise<string>((resolve) => {
      let text = "";
      raw.on("data", (chunk: Buffer) => (text += chunk.toString()));
      raw.on("error", () => undefined);
      raw.on("close", () => {
        resolve(text);
      });
      const block = "x".repeat(64 * 1024);
      for (let i = 0; i < 40; i++) raw.write(block);
    });
    expect(reply).toContain("longer than 1 MiB");
    const status = await askAgent(await client(socket), {
      v: agentProtocolVersion,
      type: "status",
    });
    expect(status.type).toBe("status");
    agent.close();
    await agent.closed;
  });

  it("keeps serving after a client that hung up before its request was read", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket);
    const raw = await rawClient(socket);
    raw.end(`${JSON.stringify(request)}\n`);
    raw.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const status = await askAgent(await client(socket), {
      v: agentProtocolVersion,
      type: "status",
    });
    expect(status.type).toBe("status");
    agent.close();
    await agent.closed;
  });

  it("aborts a request whose client leaves while it works, and none that was answered", async () => {
    const socket = socketPath();
    const signals: AbortSignal[] = [];
    let release: (() => void) | undefined;
    const handlers: AgentHandlers = {
      ...askingHandlers,
      credentials: async (_request, _mfa, signal) => {
        signals.push(signal);
        // The first request works until released; the second is answered at once.
        if (signals.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return {
          credentials: { accessKeyId: "ASIAFAKE", secretAccessKey: "fake-TEST" },
          region: undefined,
        };
      },
    };
    const agent = await listenAgent({ socketPath: socket, idleMs: 60_000, version: "t", handlers });
    const leaving = await rawClient(socket);
    leaving.write(`${JSON.stringify(request)}\n`);
    await vi.waitFor(() => {
      expect(signals).toHaveLength(1);
    });
    leaving.destroy();
    await vi.waitFor(() => {
      expect(signals[0]?.aborted).toBe(true);
    });
    release?.();
    const answered = await askAgent(await client(socket), request, () => Promise.resolve("1"));
    expect(answered.type).toBe("credentials");
    await vi.waitFor(() => {
      expect(signals).toHaveLength(2);
    });
    // Time for the agent to see the answered connection close.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(signals[1]?.aborted).toBe(false);
    agent.close();
    await agent.closed;
  });

  it("takes over a socket file left by a dead agent, and refuses to start beside a live one", async () => {
    const socket = socketPath();
    // What a killed agent leaves: a file at the path that nobody answers on (the e2e test
    // kills a real agent; here a plain file stands in for its socket).
    writeFileSync(socket, "");
    const agent = await listenTest(socket);
    await expect(listenTest(socket)).rejects.toBeInstanceOf(AgentAlreadyRunning);
    const stop = await askAgent(await client(socket), { v: agentProtocolVersion, type: "stop" });
    expect(stop).toEqual({ type: "stopping" });
    await agent.closed;
    expect(await connectAgent(socket, transport)).toBeUndefined();
  });

  it("gives up on a client that never answers its MFA question, with a clear error", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket, 60_000, { questionWaitMs: 100 });
    const answer = await askAgent(
      await client(socket),
      request,
      () => new Promise(() => undefined),
    );
    expect(answer).toMatchObject({
      type: "error",
      error: { kind: "auth", message: "No MFA code came from the client within 0 s" },
    });
    agent.close();
    await agent.closed;
  });

  it("closes a connection that sends no request in time", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket, 60_000, { requestWaitMs: 100 });
    const silent = await rawClient(socket);
    const closed = await new Promise<boolean>((resolve) => {
      silent.on("close", () => {
        resolve(true);
      });
      setTimeout(() => {
        resolve(false);
      }, 2_000);
    });
    expect(closed).toBe(true);
    agent.close();
    await agent.closed;
  });

  it("exits when idle", async () => {
    const socket = socketPath();
    const agent = await listenTest(socket, 1);
    await agent.closed;
    expect(await connectAgent(socket, transport)).toBeUndefined();
  });
});

describe("a request for a remembered answer (ifRemembered)", () => {
  const credentials = {
    accessKeyId: "ASIAFAKEREMEMBERED",
    secretAccessKey: "fake-TEST",
    sessionToken: "token-TEST",
    expiration: new Date("2030-01-02T03:04:05Z"),
  };
  /** An agent whose handler answers the remembered request, or refuses the rest. */
  const listenRemembering = (socket: string, seen: CredentialsRequest[]) =>
    listenAgent({
      socketPath: socket,
      idleMs: 60_000,
      version: "t",
      handlers: {
        ...askingHandlers,
        credentials: (asked) => {
          seen.push(asked);
          return asked.profile === "admin"
            ? Promise.resolve({ credentials, region: "eu-west-1" })
            : Promise.reject(new ClientOnlyError("The agent remembers no answer to this request"));
        },
      },
    });
  /** Everything the agent sends on one connection for `line`, with how many reads it took. */
  const converse = async (socket: string, line: string) => {
    const raw = await rawClient(socket);
    raw.setEncoding("utf8");
    const chunks: string[] = [];
    raw.on("data", (chunk: string) => chunks.push(chunk));
    raw.write(line);
    await new Promise((resolve) => raw.on("close", resolve));
    return chunks;
  };

  it("is answered with the line credential_process prints, in one write with `accepted`", async () => {
    const socket = socketPath();
    const seen: CredentialsRequest[] = [];
    const agent = await listenRemembering(socket, seen);
    const chunks = await converse(socket, encodeMessage({ ...request, ifRemembered: true }));
    expect(seen.map((asked) => asked.ifRemembered)).toEqual([true]);
    expect(chunks).toEqual([
      `${encodeMessage({ type: "accepted" })}${encodeMessage({
        type: "process-output",
        text: processOutput(credentials),
      })}`,
    ]);
    // A request without it gets the credentials as ever.
    const [plain] = await converse(socket, encodeMessage(request));
    expect(plain).toContain('"type":"credentials"');
    expect(seen.map((asked) => asked.ifRemembered)).toEqual([true, undefined]);
    agent.close();
    await agent.closed;
  });

  it("is refused as the client's to work out when the agent remembers none", async () => {
    const socket = socketPath();
    const agent = await listenRemembering(socket, []);
    const chunks = await converse(
      socket,
      encodeMessage({ ...request, profile: "other", ifRemembered: true }),
    );
    const lines = chunks.join("").split("\n").filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      "accepted",
      "error",
    ]);
    expect(lines[1]).toContain('"kind":"client-only"');
    agent.close();
    await agent.closed;
  });
});
