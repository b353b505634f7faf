import { networkInterfaces } from "node:os";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fakeCredentials, startTestEndpoint, type TestEndpoint } from "./endpoint-fixture.js";
import { closedBy, get, openSocket, rawRequest, send } from "./raw-http.js";

// Each security property of the credential endpoint (issue 6, DESIGN §3.5) as its own test,
// against the real server in this process on a free port.
let running: TestEndpoint | undefined;
afterEach(async () => {
  await running?.served.stop();
  running = undefined;
});

async function start(options: Parameters<typeof startTestEndpoint>[0] = {}) {
  running = await startTestEndpoint(options);
  return running;
}

const host = (t: TestEndpoint) => `127.0.0.1:${t.served.port}`;
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

async function imdsToken(t: TestEndpoint, ttl = "21600"): Promise<string> {
  const answer = await send(t.served.port, "PUT", "/latest/api/token", {
    Host: host(t),
    "X-aws-ec2-metadata-token-ttl-seconds": ttl,
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** An IPv4 address of this machine that is not loopback, if it has one. */
function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) return address.address;
    }
  }
  return undefined;
}

describe("credential endpoint security", () => {
  it("binds 127.0.0.1 only: a LAN address of this machine refuses the connection", async () => {
    const t = await start();
    const lan = lanAddress();
    if (lan === undefined) {
      console.warn("endpoint-security: no non-loopback IPv4 address here; only the URL is checked");
    } else {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect({ host: lan, port: t.served.port });
        socket.on("connect", () => {
          socket.destroy();
          resolve("connected");
        });
        socket.on("error", (error: NodeJS.ErrnoException) => {
          resolve(error.code ?? "error");
        });
      });
      expect(refused).toBe("ECONNREFUSED");
    }
    expect(new URL(t.served.credentialsUrl).hostname).toBe("127.0.0.1");
  });

  it("refuses a request without the Authorization token with 403 and a JSON error", async () => {
    const t = await start();
    const answer = await get(t.served.port, "/credentials", { Host: host(t) });
    expect(answer.status).toBe(403);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(json(answer.body)).toEqual({
      Code: "AccessDenied",
      Message: "invalid or missing Authorization token",
    });
  });

  it("refuses a wrong token with 403, whatever its length", async () => {
    const t = await start();
    const token = t.served.token;
    const wrong = [
      `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
      token.slice(0, 10),
      `${token}x`,
      `Bearer ${token}`,
    ];
    for (const authorization of wrong) {
      const answer = await get(t.served.port, "/credentials", {
        Host: host(t),
        Authorization: authorization,
      });
      expect(answer.status, authorization.length.toString()).toBe(403);
      expect(answer.body).not.toContain("SecretAccessKey");
    }
  });

  it.each([
    ["a rebound DNS name", (port: number) => `evil.example:${port}`],
    ["another port", (port: number) => `127.0.0.1:${port + 1}`],
    ["no port", () => "127.0.0.1"],
    ["a name ending in localhost", (port: number) => `localhost.evil.example:${port}`],
    ["the IPv6 loopback", (port: number) => `[::1]:${port}`],
  ])("refuses a Host header naming %s with 403 (DNS rebinding)", async (_, hostFor) => {
    const t = await start({ ec2: true });
    const answer = await get(t.served.port, "/credentials", {
      Host: hostFor(t.served.port),
      Authorization: t.served.token,
    });
    expect(answer.status).toBe(403);
    expect(json(answer.body)).toMatchObject({ Code: "AccessDenied" });
    const imds = await send(t.served.port, "PUT", "/latest/api/token", {
      Host: hostFor(t.served.port),
      "X-aws-ec2-metadata-token-ttl-seconds": "60",
    });
    expect(imds.status).toBe(403);
  });

  it("refuses an HTTP/1.0 request without a Host header with 403", async () => {
    const t = await start();
    const answer = await rawRequest(
      t.served.port,
      `GET /credentials HTTP/1.0\r\nAuthorization: ${t.served.token}`,
    );
    expect(answer.status).toBe(403);
  });

  it("refuses a CORS preflight and never allows an origin", async () => {
    const t = await start({ ec2: true });
    const preflight = await send(t.served.port, "OPTIONS", "/credentials", {
      Host: host(t),
      Origin: "https://evil.example",
      "Access-Control-Request-Method": "GET",
      "Access-Control-Request-Headers": "authorization",
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const bare = await send(t.served.port, "OPTIONS", "/credentials", { Host: host(t) });
    expect(bare.status).toBe(405);
    expect(bare.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it.each([
    ["Origin", "https://evil.example"],
    ["Origin", "null"],
    ["Sec-Fetch-Site", "cross-site"],
    ["Sec-Fetch-Mode", "no-cors"],
  ])(
    "refuses a browser-style request carrying %s even with the right token",
    async (name, value) => {
      const t = await start({ ec2: true });
      const answer = await get(t.served.port, "/credentials", {
        Host: host(t),
        Authorization: t.served.token,
        [name]: value,
      });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain("SecretAccessKey");
      const token = await send(t.served.port, "PUT", "/latest/api/token", {
        Host: host(t),
        "X-aws-ec2-metadata-token-ttl-seconds": "60",
        [name]: value,
      });
      expect(token.status).toBe(403);
    },
  );

  it("answers methods other than the protocol's with 405 and Allow", async () => {
    const t = await start({ ec2: true });
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "HEAD"]) {
      const answer = await send(t.served.port, method, "/credentials", {
        Host: host(t),
        Authorization: t.served.token,
      });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe("GET");
    }
    const getToken = await get(t.served.port, "/latest/api/token", {
      Host: host(t),
      "X-aws-ec2-metadata-token-ttl-seconds": "60",
    });
    expect(getToken.status).toBe(405);
    expect(getToken.headers.allow).toBe("PUT");
    const token = await imdsToken(t);
    const put = await send(t.served.port, "PUT", "/latest/meta-data/iam/security-credentials/", {
      Host: host(t),
      "X-aws-ec2-metadata-token": token,
    });
    expect(put.status).toBe(405);
  });

  it("answers oversized headers with 431 and keeps serving", async () => {
    const t = await start();
    const answer = await get(t.served.port, "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
      "X-Padding": "a".repeat(16 * 1024),
    });
    expect(answer.status).toBe(431);
    const after = await get(t.served.port, "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
    });
    expect(after.status).toBe(200);
  });

  it("refuses a request body with 413 and closes the connection", async () => {
    const t = await start({ ec2: true });
    const sized = await send(t.served.port, "GET", "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
      "Content-Length": "1000000",
    });
    expect(sized.status).toBe(413);
    expect(sized.headers.connection).toBe("close");
    const chunked = await send(t.served.port, "PUT", "/latest/api/token", {
      Host: host(t),
      "X-aws-ec2-metadata-token-ttl-seconds": "60",
      "Transfer-Encoding": "chunked",
    });
    expect(chunked.status).toBe(413);
  });

  it("cuts off slow clients (408) without refusing the others, and caps connections", async () => {
    const t = await start({
      limits: {
        headersTimeoutMs: 200,
        requestTimeoutMs: 300,
        checkIntervalMs: 50,
        maxConnections: 7,
        reservedForClients: 1,
      },
    });
    // Five connections that send part of a request line and then nothing (slowloris).
    const slow = await Promise.all(Array.from({ length: 5 }, () => openSocket(t.served.port)));
    const closed = slow.map((socket) => closedBy(socket));
    for (const socket of slow) socket.write("GET /credentials HTTP/1.1\r\nHost: 127.0.0.1");
    const meanwhile = await get(t.served.port, "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
    });
    expect(meanwhile.status).toBe(200);
    for (const answer of await Promise.all(closed)) expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    // Past the strangers' share (7 - 1), a new connection closes the oldest one that showed no
    // token, and the client with the token still gets in at once.
    const oldest = await openSocket(t.served.port);
    const oldestClosed = closedBy(oldest);
    const idle: Socket[] = [oldest];
    for (let i = 0; i < 6; i++) idle.push(await openSocket(t.served.port));
    expect(await oldestClosed).toBe("");
    const meanwhileFull = await get(t.served.port, "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
    });
    expect(meanwhileFull.status).toBe(200);
    expect(idle.filter((socket) => !socket.closed).length).toBeGreaterThanOrEqual(4);
    for (const socket of idle) socket.destroy();
  });

  it("refuses IMDSv1: a GET without a token, or with an unknown or expired one, is 401", async () => {
    const t = await start({ ec2: true });
    const path = "/latest/meta-data/iam/security-credentials/dev";
    const none = await get(t.served.port, path, { Host: host(t) });
    expect(none.status).toBe(401);
    expect(json(none.body)).toMatchObject({ Code: "Unauthorized" });
    const unknown = await get(t.served.port, path, {
      Host: host(t),
      "X-aws-ec2-metadata-token": "A".repeat(43),
    });
    expect(unknown.status).toBe(401);
    const token = await imdsToken(t, "60");
    const fresh = await get(t.served.port, path, {
      Host: host(t),
      "X-aws-ec2-metadata-token": token,
    });
    expect(fresh.status).toBe(200);
    t.advance(61_000);
    const expired = await get(t.served.port, path, {
      Host: host(t),
      "X-aws-ec2-metadata-token": token,
    });
    expect(expired.status).toBe(401);
  });

  it("refuses a token request through a proxy (X-Forwarded-For) or with a bad TTL", async () => {
    const t = await start({ ec2: true });
    const proxied = await send(t.served.port, "PUT", "/latest/api/token", {
      Host: host(t),
      "X-aws-ec2-metadata-token-ttl-seconds": "60",
      "X-Forwarded-For": "203.0.113.7",
    });
    expect(proxied.status).toBe(403);
    for (const ttl of [undefined, "0", "21601", "-5", "1e3", "abc"]) {
      const answer = await send(t.served.port, "PUT", "/latest/api/token", {
        Host: host(t),
        ...(ttl === undefined ? {} : { "X-aws-ec2-metadata-token-ttl-seconds": ttl }),
      });
      expect(answer.status, String(ttl)).toBe(400);
    }
  });

  it("answers 503 without waiting forever when a refresh hangs", async () => {
    let calls = 0;
    const t = await start({
      limits: { refreshWaitMs: 50 },
      fetch: (nowMs) => {
        calls += 1;
        return calls === 1
          ? Promise.resolve(fakeCredentials(new Date(nowMs + 3600_000)))
          : new Promise(() => undefined);
      },
    });
    t.advance(3600_000);
    const answer = await get(t.served.port, "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
    });
    expect(answer.status).toBe(503);
    expect(json(answer.body)).toMatchObject({ Code: "CredentialsUnavailable" });
  });

  it("writes no secret and no token to any log line", async () => {
    let calls = 0;
    const t = await start({
      ec2: true,
      fetch: (nowMs) => {
        calls += 1;
        return calls === 3
          ? Promise.reject(new Error("MFA code refused"))
          : Promise.resolve(fakeCredentials(new Date(nowMs + 3600_000)));
      },
    });
    const token = await imdsToken(t);
    const requests = [
      get(t.served.port, "/credentials", { Host: host(t), Authorization: t.served.token }),
      get(t.served.port, "/credentials", { Host: host(t), Authorization: "wrong-token-FAKE" }),
      get(t.served.port, "/credentials", { Host: "evil.example", Authorization: t.served.token }),
      get(t.served.port, "/latest/meta-data/iam/security-credentials/dev", {
        Host: host(t),
        "X-aws-ec2-metadata-token": token,
      }),
      get(t.served.port, `/nothing/${t.served.token}`, { Host: host(t) }),
    ];
    await Promise.all(requests);
    t.advance(3600_000);
    await get(t.served.port, "/credentials", { Host: host(t), Authorization: t.served.token });
    t.advance(3600_000);
    await get(t.served.port, "/credentials", { Host: host(t), Authorization: t.served.token });
    expect(t.logs.some((line) => line.startsWith("refused GET /credentials: 403"))).toBe(true);
    expect(t.logs.some((line) => line.includes("refreshing credentials failed"))).toBe(true);
    expect(t.issued.length).toBeGreaterThanOrEqual(2);
    const secrets = [token, "wrong-token-FAKE"].concat(
      t.issued.flatMap((c) => [c.secretAccessKey, c.sessionToken ?? "", c.accessKeyId]),
    );
    for (const line of t.logs) {
      for (const secret of secrets) expect(line.includes(secret), line).toBe(false);
    }
    // A client-chosen path is never echoed: it could hold the token, as this one does.
    expect(t.logs.join("\n")).not.toContain(t.served.token);
  });
});
