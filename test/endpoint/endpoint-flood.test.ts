import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { defaultLimits } from "../../src/endpoint/endpoint-limits.js";
import { startTestEndpoint, type TestEndpoint } from "./endpoint-fixture.js";
import { get, send, type RawAnswer } from "./raw-http.js";

// A local process that opens more connections than the endpoint takes, each sending half a
// request line and reconnecting the moment it is closed, must not keep the real client (which
// holds the token) from its credentials.
let running: TestEndpoint | undefined;
let flood: Flood | undefined;
afterEach(async () => {
  flood?.stop();
  flood = undefined;
  await running?.served.stop();
  running = undefined;
});

/** Sockets that reconnect as soon as they are closed, until stopped. */
interface Flood {
  /** Connections made so far, first ones included. */
  connections(): number;
  stop(): void;
}

function startFlood(port: number, size: number): Flood {
  let stopped = false;
  let made = 0;
  const open = new Set<Socket>();
  const connectOne = () => {
    if (stopped) return;
    made += 1;
    const socket = connect({ host: "127.0.0.1", port });
    open.add(socket);
    socket.on("connect", () => {
      socket.write("GET /credentials HTTP/1.1\r\nHost: 127.0.0.1");
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      open.delete(socket);
      setImmediate(connectOne);
    });
  };
  for (let i = 0; i < size; i++) connectOne();
  return {
    connections: () => made,
    stop: () => {
      stopped = true;
      for (const socket of open) socket.destroy();
    },
  };
}

/** `promise`, or a rejection after `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What a real client waits for an answer before it calls the endpoint down. */
const boundMs = 2_000;

describe("credential endpoint under a connection flood", () => {
  it("keeps serving the client holding the token while strangers flood every slot", async () => {
    running = await startTestEndpoint({ ec2: true });
    const { port, token } = running.served;
    const host = `127.0.0.1:${port}`;
    flood = startFlood(port, defaultLimits.maxConnections + 64);
    // Let the flood fill the slots and start churning before the client comes.
    await wait(500);
    const before = flood.connections();
    for (let i = 0; i < 5; i++) {
      const answer: RawAnswer = await within(
        boundMs,
        get(port, "/credentials", { Host: host, Authorization: token }),
      );
      expect(answer.status, `container fetch ${i + 1}`).toBe(200);
      expect(answer.body).toContain("SecretAccessKey");
      await wait(100);
    }
    for (let i = 0; i < 3; i++) {
      const session = await within(
        boundMs,
        send(port, "PUT", "/latest/api/token", {
          Host: host,
          "X-aws-ec2-metadata-token-ttl-seconds": "60",
        }),
      );
      expect(session.status, `IMDS token ${i + 1}`).toBe(200);
      const answer = await within(
        boundMs,
        get(port, "/latest/meta-data/iam/security-credentials/dev", {
          Host: host,
          "X-aws-ec2-metadata-token": session.body,
        }),
      );
      expect(answer.status, `IMDS fetch ${i + 1}`).toBe(200);
    }
    // The flood was real: it kept reconnecting the whole time.
    expect(flood.connections() - before).toBeGreaterThan(defaultLimits.maxConnections);
  });
});
