import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type AgentConnection, maxMessageBytes } from "./agent-connection.js";
import {
  connectOverPipe,
  exchangeLine,
  pipeBindings,
  probePipeBindings,
} from "./pipe-connection.js";

const dir = mkdtempSync(path.join(tmpdir(), "awsafe-pipe-"));
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});
let count = 0;
const socketPath = () => path.join(dir, `p${++count}.sock`);

/** A node:net server on a fresh socket that hands each connection to `serve`. */
async function listen(serve: (peer: Socket) => void): Promise<string> {
  const socket = socketPath();
  const server = createServer(serve);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return socket;
}

async function connect(socket: string): Promise<AgentConnection> {
  const bindings = pipeBindings();
  if (bindings === undefined) throw new Error("no pipe bindings");
  const connection = await connectOverPipe(bindings, socket);
  if (connection === undefined) throw new Error("not connected");
  return connection;
}

/** The lines `connection` receives until it closes. */
function linesUntilClosed(connection: AgentConnection): Promise<string[]> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    connection.onLines(
      (line) => lines.push(line),
      () => lines.push("<too long>"),
    );
    connection.onClose(() => {
      resolve(lines);
    });
  });
}

describe("the agent connection through Node's pipe handle", () => {
  it("is what this Node uses (the bindings are there, as expected)", () => {
    expect(pipeBindings()).toBeDefined();
  });

  it("is not used where anything differs: Bun, --pending-deprecation, no binding, another shape", () => {
    const { binding } = process as unknown as { binding: (name: string) => unknown };
    const real = (name: string) => binding.call(process, name) as Record<string, unknown>;
    const runtime = {
      versions: process.versions,
      execArgv: [] as string[],
      env: {},
      binding: real,
    };
    expect(probePipeBindings(runtime)).toBeDefined();
    expect(probePipeBindings({ ...runtime, versions: { bun: "1.4.5" } })).toBeUndefined();
    // Each would print DEP0111's warning on the client's stderr.
    expect(probePipeBindings({ ...runtime, execArgv: ["--pending-deprecation"] })).toBeUndefined();
    expect(
      probePipeBindings({ ...runtime, env: { NODE_OPTIONS: "--pending-deprecation" } }),
    ).toBeUndefined();
    expect(
      probePipeBindings({ ...runtime, env: { NODE_PENDING_DEPRECATION: "1" } }),
    ).toBeUndefined();
    expect(probePipeBindings({ ...runtime, binding: undefined })).toBeUndefined();
    const refused = () => {
      throw new Error("Access to this API has been restricted");
    };
    expect(probePipeBindings({ ...runtime, binding: refused })).toBeUndefined();
    const without = (module: string, name: string) => (asked: string) => {
      const found = Object.entries(real(asked));
      return Object.fromEntries(asked === module ? found.filter(([key]) => key !== name) : found);
    };
    for (const [module, name] of [
      ["pipe_wrap", "Pipe"],
      ["pipe_wrap", "PipeConnectWrap"],
      ["pipe_wrap", "constants"],
      ["stream_wrap", "WriteWrap"],
      ["stream_wrap", "streamBaseState"],
      ["stream_wrap", "kReadBytesOrError"],
      ["stream_wrap", "kArrayBufferOffset"],
      ["stream_wrap", "kLastWriteWasAsync"],
    ] as const) {
      expect(probePipeBindings({ ...runtime, binding: without(module, name) })).toBeUndefined();
    }
    const outOfRange = (asked: string) =>
      asked === "stream_wrap" ? { ...real(asked), kReadBytesOrError: 1e6 } : real(asked);
    expect(probePipeBindings({ ...runtime, binding: outOfRange })).toBeUndefined();
  });

  it("finds no agent where nothing listens, or where a plain file is", async () => {
    const bindings = pipeBindings();
    if (bindings === undefined) throw new Error("no pipe bindings");
    expect(await connectOverPipe(bindings, path.join(dir, "absent.sock"))).toBeUndefined();
    const file = path.join(dir, "plain-file");
    writeFileSync(file, "");
    expect(await connectOverPipe(bindings, file)).toBeUndefined();
  });

  it("carries a request and an answer larger than one read, with characters split between reads", async () => {
    const big = "é€😀".repeat(50_000);
    const socket = await listen((peer) => {
      let got = "";
      peer.setEncoding("utf8");
      peer.on("data", (chunk: string) => {
        got += chunk;
        if (!got.endsWith("\n")) return;
        // Echoed back one byte at a time at first, so that multi-byte characters arrive split.
        const answer = Buffer.from(`${got.trim()}!\nsecond\n`);
        for (let i = 0; i < 8; i++) peer.write(answer.subarray(i, i + 1));
        peer.end(answer.subarray(8));
      });
    });
    const connection = await connect(socket);
    const lines = linesUntilClosed(connection);
    connection.write(`${big}\n`);
    expect(await lines).toEqual([`${big}!`, "second"]);
  });

  it("reads ASCII in reads of any size, then text that is not, split between reads", async () => {
    const long = "x".repeat(20_000);
    const socket = await listen((peer) => {
      peer.once("data", () => {
        const answer = Buffer.from(`${long}\nascii\né€😀 after\n`);
        const split = long.length + "\nascii\n".length + 1;
        peer.write(answer.subarray(0, split));
        for (let i = split; i < split + 6; i++) peer.write(answer.subarray(i, i + 1));
        peer.end(answer.subarray(split + 6));
      });
    });
    const connection = await connect(socket);
    const lines = linesUntilClosed(connection);
    connection.write("go\n");
    expect(await lines).toEqual([long, "ascii", "é€😀 after"]);
  });

  it("says when the other side closes without a word", async () => {
    const socket = await listen((peer) => peer.end());
    const connection = await connect(socket);
    expect(await linesUntilClosed(connection)).toEqual([]);
  });

  it("stops reading a line longer than 1 MiB and says so once", async () => {
    const socket = await listen((peer) => {
      const block = "x".repeat(64 * 1024);
      for (let i = 0; i < 20; i++) peer.write(block);
      peer.end("\n");
    });
    const connection = await connect(socket);
    expect(await linesUntilClosed(connection)).toEqual(["<too long>"]);
  });

  it("ends once what was written has gone out: the peer reads all of it, then the end", async () => {
    let received = "";
    const ended = new Promise<void>((resolve) => {
      void listen((peer) => {
        peer.setEncoding("utf8");
        peer.on("data", (chunk: string) => (received += chunk));
        peer.on("end", resolve);
        peer.on("close", resolve);
      }).then(async (socket) => {
        const connection = await connect(socket);
        connection.write(`${"y".repeat(2 * 1024 * 1024)}\n`);
        connection.end();
      });
    });
    await ended;
    expect(received.length).toBe(2 * 1024 * 1024 + 1);
  });
});

describe("one exchange through the pipe handle (exchangeLine)", () => {
  const bindings = () => {
    const found = pipeBindings();
    if (found === undefined) throw new Error("no pipe bindings");
    return found;
  };

  it("sends the request and settles with the first line that is not the one to skip", async () => {
    let received = "";
    const socket = await listen((peer) => {
      peer.setEncoding("utf8");
      peer.on("data", (chunk: string) => {
        received += chunk;
        // Two lines in one write, then the answer split between writes, with a non-ASCII name.
        peer.write('{"type":"accepted"}\n{"type":"x",');
        setTimeout(() => peer.write('"name":"Zoë"}\n{"type":"later"}\n'), 20);
      });
    });
    const line = await exchangeLine(bindings(), socket, "ask\n", '{"type":"accepted"}', 5000);
    expect(line).toBe('{"type":"x","name":"Zoë"}');
    expect(received).toBe("ask\n");
  });

  it("settles with nothing when none listens, the peer ends first, or is silent too long", async () => {
    const accepted = '{"type":"accepted"}';
    expect(await exchangeLine(bindings(), socketPath(), "ask\n", accepted, 5000)).toBeUndefined();
    const ends = await listen((peer) => peer.end(`${accepted}\npartial`));
    expect(await exchangeLine(bindings(), ends, "ask\n", accepted, 5000)).toBeUndefined();
    let closed = false;
    const silent = await listen((peer) => {
      peer.resume();
      peer.on("close", () => (closed = true));
    });
    const started = performance.now();
    expect(await exchangeLine(bindings(), silent, "ask\n", accepted, 200)).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    // The connection was closed: the silent peer sees its end.
    await vi.waitFor(() => {
      expect(closed).toBe(true);
    });
  });

  it("settles with nothing for a line longer than any message", async () => {
    const flood = await listen((peer) => {
      peer.on("error", () => undefined);
      peer.write("x".repeat(maxMessageBytes + 10));
    });
    expect(await exchangeLine(bindings(), flood, "ask\n", "", 5000)).toBeUndefined();
  });
});
