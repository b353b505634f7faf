// After a writer is killed (kill -9, through the test build's AWSAFE_TEST_CRASH_AT), the next run
// removes what the dead process left and does not sit waiting for it: the temporary file of a
// shared-file write, the store's temporary file and lock, the agent's start marker.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeKey } from "../support/fake-keys.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";
import { fileStoreEnv, storedItems, storeFileOf } from "../support/store-e2e.js";

const tempOf = (name: string): RegExp =>
  new RegExp(`^\\.${name.replace(".", "\\.")}\\.awsafe-tmp-\\d+-[0-9a-f]{8}$`);

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = Date.now();
  const result = run();
  return { result, ms: Date.now() - started };
}

describe("leftovers of a killed awsafe", () => {
  it("configure: the next write removes the temporary file a killed one left beside ~/.aws/config", () => {
    const home = makeHome({ config: "[profile a]\nregion = eu-west-1\n" });
    const aws = join(home, ".aws");
    const crashed = runAwsafe(
      ["configure", "a", "--region", "us-east-1"],
      home,
      fileStoreEnv({ AWSAFE_TEST_CRASH_AT: "before-rename:config" }),
    );
    expect(crashed.status).toBeNull();
    const [leftover, ...others] = readdirSync(aws).filter((name) => name !== "config");
    expect(others).toEqual([]);
    expect(leftover).toMatch(tempOf("config"));
    expect(readFileSync(join(aws, "config"), "utf8")).toBe("[profile a]\nregion = eu-west-1\n");
    // Only a temporary file older than 30 s is taken for a dead writer's (another host may share
    // the directory): the test ages it rather than wait.
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(aws, leftover ?? ""), minuteAgo, minuteAgo);
    const next = runAwsafe(["configure", "a", "--region", "us-west-2"], home, fileStoreEnv());
    expect(next.status).toBe(0);
    expect(readdirSync(aws)).toEqual(["config"]);
    expect(readFileSync(join(aws, "config"), "utf8")).toContain("region = us-west-2");
  });

  it("the store: the next write takes over the dead writer's lock at once and removes its temporary file", async () => {
    const home = makeHome();
    const [first, second] = [fakeKey(), fakeKey()];
    const add = (profile: string, key = first, extra: Record<string, string> = {}) =>
      runAwsafe(
        ["add", profile, "--env"],
        home,
        fileStoreEnv({
          AWS_ACCESS_KEY_ID: key.accessKeyId,
          AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
          ...extra,
        }),
      );
    expect(add("first").status).toBe(0);
    const crashed = add("dev", second, { AWSAFE_TEST_CRASH_AT: "before-rename:store.age" });
    expect(crashed.status).toBeNull();
    const dataDir = dirname(storeFileOf(home));
    expect(readdirSync(dataDir).sort()).toEqual([
      expect.stringMatching(tempOf("store.age")),
      "store.age",
      "store.age.lock",
      "store.age.lock-owner",
    ]);

    const { result, ms } = timed(() => add("dev", second));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("waiting");
    expect(ms).toBeLessThan(8_000);
    expect(
      readdirSync(dataDir).filter((name) => name.startsWith(".") || name.includes("lock")),
    ).toEqual([]);
    expect((await storedItems(home)).map((ref) => ref.name)).toEqual(["dev", "first"]);
  });

  it("the store: a write that waits over a second on a live holder says for whom", () => {
    const home = makeHome();
    const key = fakeKey();
    const env = fileStoreEnv({
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    });
    expect(runAwsafe(["add", "first", "--env"], home, env).status).toBe(0);
    // A live holder: a shell that records itself as the lock's owner and lets go after 2 s.
    const lockDir = `${storeFileOf(home)}.lock`;
    mkdirSync(lockDir);
    const holder = spawn("sh", ["-c", `sleep 2; rm -f '${lockDir}-owner'; rmdir '${lockDir}'`], {
      stdio: "ignore",
    });
    const made = statSync(lockDir);
    writeFileSync(
      `${lockDir}-owner`,
      JSON.stringify({
        pid: holder.pid,
        host: hostname(),
        lockIno: made.ino,
        lockMtimeMs: made.mtimeMs,
      }),
    );
    const waited = runAwsafe(["add", "dev", "--env"], home, env);
    expect(waited.status).toBe(0);
    expect(waited.stderr).toContain(
      `awsafe: waiting for awsafe process ${String(holder.pid)}, which is writing ${storeFileOf(home)}\n`,
    );
    expect(waited.stderr.match(/waiting/g)).toHaveLength(1);
  });

  it("the agent: a start marker left by a client killed while starting it is taken over at once", () => {
    const home = makeHome();
    const env = fileStoreEnv();
    const crashed = runAwsafe(
      ["agent", "start"],
      home,
      fileStoreEnv({ AWSAFE_TEST_CRASH_AT: "agent-start-claimed" }),
    );
    expect(crashed.status).toBeNull();
    const runDir = join(dirname(storeFileOf(home)), "run");
    expect(readdirSync(runDir)).toEqual(["agent.sock.starting"]);
    try {
      const { result, ms } = timed(() => runAwsafe(["agent", "start"], home, env));
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^awsafe agent .* running/);
      expect(ms).toBeLessThan(8_000);
      expect(readdirSync(runDir)).not.toContain("agent.sock.starting");
    } finally {
      runAwsafe(["agent", "stop"], home, env);
    }
  });
});
