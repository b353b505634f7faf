import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { startOneTimeRedirect } from "./one-time-redirect.js";

const location = "https://signin.aws.amazon.com/federation?Action=login&SigninToken=tok-FAKE";

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request with exactly the method, path and Host given (fetch would set Host itself). */
function raw(url: string, options: { host?: string; method?: string; path?: string } = {}) {
  const target = new URL(url);
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? "GET",
        path: options.path ?? target.pathname,
        headers: { host: options.host ?? target.host },
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("the one-time loopback redirect", () => {
  it("answers the first GET with a 303 to the location, uncached and without a referrer, then stops", async () => {
    const redirect = await startOneTimeRedirect({ location });
    expect(redirect.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}$/);
    const first = await raw(redirect.url);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(location);
    expect(first.headers["cache-control"]).toBe("no-store");
    expect(first.headers["referrer-policy"]).toBe("no-referrer");
    expect(await redirect.outcome).toBe("used");
    // The second GET finds nobody listening (or, in a race, a 410): never the location again.
    const second = await raw(redirect.url).then(
      (answer) => answer,
      () => undefined,
    );
    if (second !== undefined) {
      expect(second.status).toBe(410);
      expect(second.headers.location).toBeUndefined();
    }
  });

  it("refuses a second GET that arrives while it is still answering the first", async () => {
    const redirect = await startOneTimeRedirect({ location });
    const [a, b] = await Promise.allSettled([raw(redirect.url), raw(redirect.url)]);
    const answers = [a, b].flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(answers.filter((r) => r.status === 303)).toHaveLength(1);
    for (const other of answers.filter((r) => r.status !== 303)) {
      expect(other.status).toBe(410);
      expect(other.headers.location).toBeUndefined();
    }
    await redirect.close();
  });

  type Ask = { host?: string; method?: string; path?: string };
  const cases: [string, (url: URL) => Ask, number][] = [
    ["a wrong path", () => ({ path: "/not-the-path" }), 404],
    ["the path with a query", (url) => ({ path: `${url.pathname}?x` }), 404],
    ["a foreign Host", () => ({ host: "evil.example:80" }), 403],
    ["localhost as Host", (url) => ({ host: `localhost:${url.port}` }), 403],
    ["a POST", () => ({ method: "POST" }), 405],
  ];
  it.each(cases)(
    "refuses %s without the location, and stays usable",
    async (_what, ask, status) => {
      const redirect = await startOneTimeRedirect({ location });
      const refused = await raw(redirect.url, ask(new URL(redirect.url)));
      expect(refused.status).toBe(status);
      expect(refused.headers.location).toBeUndefined();
      expect(refused.body).not.toContain("tok-FAKE");
      expect((await raw(redirect.url)).status).toBe(303);
      expect(await redirect.outcome).toBe("used");
    },
  );

  it("stops unused after its time", async () => {
    const redirect = await startOneTimeRedirect({ location, timeoutMs: 50 });
    expect(await redirect.outcome).toBe("expired");
    await expect(raw(redirect.url)).rejects.toThrow();
  });
});
