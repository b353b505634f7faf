import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { createCredentialCache, servingFrom } from "./credential-cache.js";

const minute = 60_000;

function credentials(id: number, expiresAtMs: number): AwsCredentials {
  return {
    accessKeyId: `ASIATESTFAKE0000000${id}`,
    secretAccessKey: `secret-FAKE-${id}`,
    sessionToken: `token-FAKE-${id}`,
    expiration: new Date(expiresAtMs),
  };
}

/** A cache over a fetch the test resolves by hand, on a clock the test moves. */
function setup(lifetimeMs = 60 * minute) {
  let now = 0;
  let next = 1;
  const pending: ((value: AwsCredentials) => void)[] = [];
  const logs: string[] = [];
  const debugs: string[] = [];
  const options = {
    profile: "dev",
    now: () => now,
    debug: (line: string) => debugs.push(line),
    log: (line: string) => logs.push(line),
    warn: (line: string) => logs.push(`warn: ${line}`),
    fetch: () =>
      new Promise<AwsCredentials>((resolve) => {
        pending.push(resolve);
      }),
  };
  const cache = createCredentialCache(options, servingFrom(options, credentials(0, lifetimeMs)));
  return {
    cache,
    logs,
    debugs,
    pending,
    at: (ms: number) => {
      now = ms;
    },
    resolveNext: () => {
      const id = next++;
      pending.shift()?.(credentials(id, now + lifetimeMs));
    },
  };
}

const keyOf = (serving: { ecsBody: Buffer } | undefined) =>
  serving === undefined
    ? undefined
    : (JSON.parse(serving.ecsBody.toString()) as { AccessKeyId: string }).AccessKeyId.slice(-1);

describe("credential cache", () => {
  it("serves without fetching until 15 minutes before expiry, then refreshes in the background", async () => {
    const t = setup();
    t.at(44 * minute);
    expect(keyOf(t.cache.ready())).toBe("0");
    expect(t.pending).toHaveLength(0);
    t.at(45 * minute);
    expect(keyOf(t.cache.ready())).toBe("0");
    expect(keyOf(t.cache.ready())).toBe("0");
    expect(t.pending).toHaveLength(1);
    t.resolveNext();
    await Promise.resolve();
    await Promise.resolve();
    expect(keyOf(t.cache.ready())).toBe("1");
  });

  it("says with --debug when and why each refresh starts, who joins it, and how long it took", async () => {
    const t = setup();
    t.at(45 * minute);
    t.cache.ready();
    expect(t.debugs).toEqual([
      `endpoint: refreshing (due at ${new Date(45 * minute).toISOString()}, ahead of expiry)`,
    ]);
    const joined = t.cache.refresh();
    t.at(45 * minute + 250);
    t.resolveNext();
    await joined;
    expect(t.debugs.slice(1)).toEqual([
      "endpoint: joining the refresh under way",
      "endpoint: refreshed in 250 ms",
    ]);
  });

  it("refreshes a 15-minute session halfway", () => {
    const t = setup(15 * minute);
    t.at(7 * minute);
    t.cache.ready();
    expect(t.pending).toHaveLength(0);
    t.at(7.5 * minute);
    t.cache.ready();
    expect(t.pending).toHaveLength(1);
  });

  it("has nothing ready within a minute of expiry, and single-flights the refresh", async () => {
    const t = setup();
    t.at(59 * minute);
    expect(t.cache.ready()).toBeUndefined();
    const waits = [t.cache.refresh(), t.cache.refresh(), t.cache.refresh()];
    expect(t.pending).toHaveLength(1);
    t.resolveNext();
    const served = await Promise.all(waits);
    expect(served.map(keyOf)).toEqual(["1", "1", "1"]);
  });

  it("after a failed refresh, fails requests at once for 5 s and retries in the background after 30 s", async () => {
    let now = 0;
    let calls = 0;
    const logs: string[] = [];
    const options = {
      profile: "dev",
      now: () => now,
      log: () => undefined,
      warn: (line: string) => logs.push(line),
      fetch: () => {
        calls += 1;
        return Promise.reject(new Error("MFA code refused"));
      },
    };
    const cache = createCredentialCache(options, servingFrom(options, credentials(0, 60 * minute)));
    now = 59.5 * minute;
    await expect(cache.refresh()).rejects.toThrow("MFA code refused");
    expect(logs).toEqual(["refreshing credentials failed: MFA code refused"]);
    await expect(cache.refresh()).rejects.toThrow("MFA code refused");
    expect(calls).toBe(1);
    now += 5_000;
    await expect(cache.refresh()).rejects.toThrow();
    expect(calls).toBe(2);
  });

  it("refuses long-term keys, which the protocols cannot carry", () => {
    const options = {
      profile: "keys",
      now: () => 0,
      log: () => undefined,
      warn: () => undefined,
      fetch: () => Promise.reject(new Error("unused")),
    };
    expect(() =>
      servingFrom(options, { accessKeyId: "AKIATESTFAKE", secretAccessKey: "secret-FAKE" }),
    ).toThrow(ConfigError);
  });

  it("logs the key id redacted and never a secret", () => {
    const t = setup();
    expect(t.logs).toEqual([
      `credentials ****0000 for profile "dev", expire ${new Date(60 * minute).toISOString()}`,
    ]);
  });
});
