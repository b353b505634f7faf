import { afterEach, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "./endpoint-fixture.js";
import { get, send } from "./raw-http.js";

// What the endpoint answers to well-formed requests, in the shapes the SDKs read (SPECS §d).
let running: TestEndpoint | undefined;
afterEach(async () => {
  await running?.served.stop();
  running = undefined;
});

async function start(ec2 = false): Promise<TestEndpoint> {
  running = await startTestEndpoint({ ec2 });
  return running;
}

const host = (t: TestEndpoint) => `127.0.0.1:${t.served.port}`;

async function imdsToken(t: TestEndpoint): Promise<string> {
  const answer = await send(t.served.port, "PUT", "/latest/api/token", {
    Host: host(t),
    "X-aws-ec2-metadata-token-ttl-seconds": "21600",
  });
  expect(answer.status).toBe(200);
  expect(answer.headers["x-aws-ec2-metadata-token-ttl-seconds"]).toBe("21600");
  return answer.body;
}

describe("credential endpoint protocol", () => {
  it("serves the container-provider JSON at the FULL_URI with the token", async () => {
    const t = await start();
    expect(t.served.credentialsUrl).toBe(`http://127.0.0.1:${t.served.port}/credentials`);
    expect(t.served.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const answer = await get(t.served.port, "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
      Accept: "application/json",
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["cache-control"]).toBe("no-store");
    const issued = t.issued[0];
    expect(JSON.parse(answer.body)).toEqual({
      AccessKeyId: issued?.accessKeyId,
      SecretAccessKey: issued?.secretAccessKey,
      Token: issued?.sessionToken,
      Expiration: issued?.expiration?.toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
  });

  it("accepts localhost:<port> as the Host and ignores a query string", async () => {
    const t = await start();
    const answer = await get(t.served.port, "/credentials?x=1", {
      Host: `localhost:${t.served.port}`,
      Authorization: t.served.token,
    });
    expect(answer.status).toBe(200);
  });

  it("runs the IMDSv2 flow: token, role name, credentials, region", async () => {
    const t = await start(true);
    expect(t.served.imdsUrl).toBe(`http://127.0.0.1:${t.served.port}/`);
    const token = await imdsToken(t);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const headers = { Host: host(t), "X-aws-ec2-metadata-token": token };
    const list = await get(t.served.port, "/latest/meta-data/iam/security-credentials/", headers);
    expect(list).toMatchObject({ status: 200, body: "dev" });
    const creds = await get(
      t.served.port,
      "/latest/meta-data/iam/security-credentials/dev",
      headers,
    );
    expect(creds.status).toBe(200);
    const json = JSON.parse(creds.body) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "Code",
      "LastUpdated",
      "Type",
      "AccessKeyId",
      "SecretAccessKey",
      "Token",
      "Expiration",
    ]);
    expect(json).toMatchObject({ Code: "Success", Type: "AWS-HMAC" });
    expect(json.LastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const region = await get(t.served.port, "/latest/meta-data/placement/region", headers);
    expect(region).toMatchObject({ status: 200, body: "eu-west-1" });
    const zone = await get(
      t.served.port,
      "/latest/meta-data/placement/availability-zone/",
      headers,
    );
    expect(zone).toMatchObject({ status: 200, body: "eu-west-1a" });
    const other = await get(t.served.port, "/latest/meta-data/iam/security-credentials/x", headers);
    expect(other.status).toBe(404);
    expect(JSON.parse(other.body)).toMatchObject({ Code: "NotFound" });
  });

  it("answers /latest/ with 404 when IMDS was not asked for", async () => {
    const t = await start(false);
    const answer = await send(t.served.port, "PUT", "/latest/api/token", {
      Host: host(t),
      "X-aws-ec2-metadata-token-ttl-seconds": "60",
    });
    expect(answer.status).toBe(404);
    expect(t.served.imdsUrl).toBeUndefined();
  });

  it("refreshes ahead of expiry and serves the old credentials meanwhile", async () => {
    const t = await start();
    const ask = async () => {
      const answer = await get(t.served.port, "/credentials", {
        Host: host(t),
        Authorization: t.served.token,
      });
      return (JSON.parse(answer.body) as { AccessKeyId: string }).AccessKeyId;
    };
    const first = t.issued[0]?.accessKeyId;
    expect(await ask()).toBe(first);
    t.advance(44 * 60_000);
    expect(await ask()).toBe(first);
    expect(t.issued).toHaveLength(1);
    // 15 minutes before expiry a refresh starts; this request still gets the current ones.
    t.advance(2 * 60_000);
    expect(await ask()).toBe(first);
    await expect.poll(() => t.issued.length).toBe(2);
    expect(await ask()).toBe(t.issued[1]?.accessKeyId);
    expect(t.logs.some((line) => line.includes(`****${t.issued[1]?.accessKeyId.slice(-4)}`))).toBe(
      true,
    );
  });

  it("waits for a refresh when the credentials have (nearly) expired", async () => {
    const t = await start();
    t.advance(60 * 60_000);
    const answer = await get(t.served.port, "/credentials", {
      Host: host(t),
      Authorization: t.served.token,
    });
    expect(t.issued).toHaveLength(2);
    expect(JSON.parse(answer.body)).toMatchObject({ AccessKeyId: t.issued[1]?.accessKeyId });
  });
});
