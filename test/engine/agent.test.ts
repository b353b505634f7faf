import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { racyWindowMs } from "../../src/cache/file-stamp.js";
import { awsafeArgv, testsBinary } from "../support/awsafe-command.js";
import { stsCounts } from "./engine-fixture.js";
import { jsonFields, useStoredKeysWorld } from "./awsafe-world.js";

const ctx = useStoredKeysWorld();

const status = async () =>
  jsonFields((await ctx.world.awsafe(["agent", "status", "--json"])).stdout);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the agent", () => {
  it("--no-agent starts none", async () => {
    const result = await ctx.world.awsafeCredentials(["credential-process", "admin", "--no-agent"]);
    expect(result.status).toBe(0);
    const stopped = await ctx.world.awsafe(["agent", "status"]);
    expect(stopped.status).toBe(69);
    expect(stopped.stdout).toBe("awsafe agent: not running\n");
  });

  it("leaves an encrypted file that needs its passphrase typed to this process (the agent cannot ask)", async () => {
    const result = await ctx.world.awsafe(["credential-process", "admin"], {
      AWSAFE_FILE_PASSPHRASE: "",
    });
    expect(result.status).toBe(69);
    expect(result.stderr).toContain("no passphrase was given");
    expect((await ctx.world.awsafe(["agent", "status"])).status).toBe(69);
  });

  it("passes AWS errors back as they are: a refused --mfa-token code exits 77", async () => {
    const stats = await stsCounts(ctx.emulator);
    const result = await ctx.world.awsafe([
      "export",
      "admin",
      "--duration",
      "2h",
      "--mfa-token",
      "000000",
    ]);
    expect(result.status).toBe(77);
    expect(result.stderr).toContain("AWS refused the --mfa-token code");
    expect((await stsCounts(ctx.emulator))["sts:AssumeRole"]).toBe(
      (stats["sts:AssumeRole"] ?? 0) + 1,
    );
  });

  it("lets one of ten agents started at once serve; the other nine exit", async () => {
    await ctx.world.stopAgent();
    // Started from a shell, as close together as processes can be: a late starter that took
    // over the socket would leave two agents running, each making its own MFA session.
    const exits = path.join(ctx.world.home, "agent-exits.log");
    const startTen = `for i in 1 2 3 4 5 6 7 8 9 10; do ( "$@" agent run; echo "$?" >> '${exits}' ) & done; wait`;
    const { program, args } = awsafeArgv([]);
    const ten = ctx.world.run("sh", ["-c", startTen, "sh", program, ...args]);
    const exitCodes = () =>
      existsSync(exits) ? readFileSync(exits, "utf8").split("\n").filter(Boolean) : [];
    await vi.waitFor(
      () => {
        expect(exitCodes()).toHaveLength(9);
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(await status()).toMatchObject({ running: "true" });
    await ctx.world.stopAgent();
    expect((await ten).stderr).toBe("");
    expect(exitCodes()).toEqual(Array.from({ length: 10 }, () => "0"));
  });

  it("starts on demand, keeps sessions in memory, and asks this client for MFA", async () => {
    const before = ctx.world.mfaPrompts();
    const result = await ctx.world.awsafeCredentials([
      "credential-process",
      "admin",
      "--no-session",
    ]);
    expect(result.stderr).toBe("");
    // The session lives in the agent, not in the store (whose sessions --no-agent filled).
    expect(result.status).toBe(0);
    expect(ctx.world.mfaPrompts()).toBe(before + 1);
    expect(await status()).toMatchObject({ running: "true", sessions: "1", protocol: "1" });
    const again = await ctx.world.awsafeCredentials([
      "credential-process",
      "admin",
      "--no-session",
    ]);
    expect(jsonFields(again.stdout).AccessKeyId).toBe(jsonFields(result.stdout).AccessKeyId);
    expect(ctx.world.mfaPrompts()).toBe(before + 1);
  });

  it("answers the cached call the same through node:net (--pending-deprecation), with no warning", async () => {
    const first = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    expect(first.status).toBe(0);
    // Node's pipe handle is reached through process.binding, which this flag would warn about:
    // the client goes through node:net then, and says nothing of it.
    const overNet = await ctx.world.awsafeCredentials(["credential-process", "admin"], {
      NODE_OPTIONS: "--pending-deprecation",
    });
    expect(overNet.stderr).toBe("");
    expect(overNet.status).toBe(0);
    expect(jsonFields(overNet.stdout).AccessKeyId).toBe(jsonFields(first.stdout).AccessKeyId);
  });

  it.skipIf(testsBinary)(
    "on Node, keeps the hot path's compiled code in a private cache, and answers alike from it, without it, or past a damaged or loosened one",
    async () => {
      const cache = path.join(ctx.world.home, ".cache/awsafe/code/entry");
      rmSync(cache, { force: true });
      // Each call in a variable of its own (part of what the agent's memory is keyed on), so none
      // gets a remembered answer before the entry runs (see the test below).
      let call = 0;
      const keyId = async () => {
        call += 1;
        const result = await ctx.world.awsafeCredentials(["credential-process", "admin"], {
          AWS_AWSAFE_TEST_CALL: String(call),
        });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        return jsonFields(result.stdout).AccessKeyId;
      };
      const first = await keyId();
      // Written by the call that had none: 0600 in a 0700 directory, under its header.
      const written = readFileSync(cache);
      expect(statSync(cache).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(cache)).mode & 0o777).toBe(0o700);
      const header = written.subarray(0, written.indexOf(0x0a) + 1);
      expect(header.toString()).toMatch(
        /^awsafe code cache [0-9a-f]{16} node v\d+\.\d+\.\d+ \w+\n$/,
      );
      expect(written.length).toBeGreaterThan(header.length + 10_000);
      // Used as it is: not written again.
      expect(await keyId()).toBe(first);
      expect(readFileSync(cache).equals(written)).toBe(true);
      // A payload V8 refuses: compiled afresh, and made again.
      writeFileSync(cache, Buffer.concat([header, randomBytes(4096)]), { mode: 0o600 });
      expect(await keyId()).toBe(first);
      const made = readFileSync(cache);
      expect(made.subarray(0, header.length).equals(header)).toBe(true);
      expect(made.length).toBeGreaterThan(header.length + 10_000);
      // A cache others could have written is not run, and is replaced by a private one.
      chmodSync(cache, 0o666);
      expect(await keyId()).toBe(first);
      expect(statSync(cache).mode & 0o777).toBe(0o600);
    },
  );

  it.skipIf(testsBinary)(
    "on Node, prints an answer the agent remembers before any of the entry runs, and asks in full otherwise",
    async () => {
      const cache = path.join(ctx.world.home, ".cache/awsafe/code/entry");
      const call = async (env: Record<string, string>) => {
        const result = await ctx.world.awsafeCredentials(["credential-process", "admin"], env);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        return result.stdout;
      };
      // Not remembered (a variable the agent has not seen): asked in full, through the entry,
      // which writes its code cache as it exits.
      const env = { AWS_AWSAFE_TEST_CALL: "remembered" };
      rmSync(cache, { force: true });
      const first = await call(env);
      expect(existsSync(cache)).toBe(true);
      // The same request again: the agent's remembered line, printed as it came; the entry never
      // ran, so it wrote no cache.
      rmSync(cache, { force: true });
      expect(await call(env)).toBe(first);
      expect(existsSync(cache)).toBe(false);
      // An edit of the shared config is a request the agent has not answered: in full again.
      appendFileSync(path.join(ctx.world.home, ".aws/config"), "\n");
      expect(jsonFields(await call(env)).AccessKeyId).toBe(jsonFields(first).AccessKeyId);
      expect(existsSync(cache)).toBe(true);
      // That answer was made while the file's stamp could not yet tell its versions apart (the
      // agent kept the contents' digest beside it). Asked again after that window, over the same
      // contents, it is still the remembered answer.
      await new Promise((resolve) => setTimeout(resolve, racyWindowMs + 200));
      rmSync(cache, { force: true });
      expect(jsonFields(await call(env)).AccessKeyId).toBe(jsonFields(first).AccessKeyId);
      expect(existsSync(cache)).toBe(false);
    },
  );

  it.skipIf(testsBinary)(
    "on Node, keeps the CLI proper's compiled code in private caches of this build, each made once",
    async () => {
      const codeDir = path.join(ctx.world.home, ".cache/awsafe/code");
      for (const name of existsSync(codeDir) ? readdirSync(codeDir) : []) {
        if (name.startsWith("cli-")) rmSync(path.join(codeDir, name), { recursive: true });
      }
      const exported = async () => {
        const result = await ctx.world.awsafeCredentials(["export", "admin", "--format", "env"]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        return result.stdout;
      };
      const first = await exported();
      const [slot, ...others] = readdirSync(codeDir).filter((name) => name.startsWith("cli-"));
      expect(others).toEqual([]);
      expect(slot).toMatch(/^cli-[0-9a-f]{16}$/);
      const slotDir = path.join(codeDir, slot ?? "");
      const main = path.join(slotDir, "main.js");
      const written = readFileSync(main);
      expect(statSync(slotDir).mode & 0o777).toBe(0o700);
      expect(statSync(main).mode & 0o777).toBe(0o600);
      const header = written.subarray(0, written.indexOf(0x0a) + 1).toString();
      expect(header).toMatch(/^awsafe code cache [0-9a-f]{16} node v\d+\.\d+\.\d+ \w+ main\.js\n$/);
      expect(readdirSync(slotDir).some((name) => name.startsWith("chunks_"))).toBe(true);
      // Used as they are: not written again.
      expect(await exported()).toBe(first);
      expect(readFileSync(main).equals(written)).toBe(true);
      // A cache others could have written is not run and is replaced by a private one; the
      // caches of another build go.
      const otherBuild = path.join(codeDir, "cli-0000000000000000");
      mkdirSync(otherBuild);
      chmodSync(main, 0o666);
      expect(await exported()).toBe(first);
      expect(statSync(main).mode & 0o777).toBe(0o600);
      expect(existsSync(otherBuild)).toBe(false);
    },
  );

  it("answers a repeated request from memory, but sees an edit of the shared config", async () => {
    const exported = async () =>
      ctx.world.awsafeCredentials(["export", "admin", "--no-session", "--format", "env"]);
    const first = await exported();
    expect(first.stdout).toContain("AWS_REGION=us-east-1");
    const config = path.join(ctx.world.home, ".aws/config");
    const text = readFileSync(config, "utf8");
    writeFileSync(
      config,
      text.replace(/(\[profile admin\][^[]*)region = us-east-1/, "$1region = eu-west-3"),
    );
    const edited = await exported();
    expect(edited.stdout).toContain("AWS_REGION=eu-west-3");
    writeFileSync(config, text.replace("[profile admin]", "[profile admin-renamed]"));
    const gone = await exported();
    expect(gone.status).toBe(78);
    expect(gone.stderr).toContain('"admin"');
    writeFileSync(config, text);
    expect((await exported()).status).toBe(0);
  });

  it("after a kill -9, the next call recovers the stale socket and costs one new prompt", async () => {
    const pid = Number((await status()).pid);
    process.kill(pid, "SIGKILL");
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    const before = ctx.world.mfaPrompts();
    const result = await ctx.world.awsafeCredentials([
      "credential-process",
      "admin",
      "--no-session",
    ]);
    expect(result.status).toBe(0);
    expect(ctx.world.mfaPrompts()).toBe(before + 1);
    expect(Number((await status()).pid)).not.toBe(pid);
  });

  it.each([
    ["the hot path", ["credential-process", "admin"]],
    ["the CLI proper", ["credential-process", "admin", "--no-session"]],
  ])(
    "exits 64 with the message when the agent asks %s for a code under an unknown AWSAFE_PROMPT",
    async (_door, args) => {
      // A fresh agent holds no session: it asks this client for an MFA code.
      const pid = Number((await status()).pid);
      process.kill(pid, "SIGKILL");
      while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
      const result = await ctx.world.awsafe(args, { AWSAFE_PROMPT: "tty" });
      expect(result.status).toBe(64);
      expect(result.stderr).toContain('Unknown AWSAFE_PROMPT "tty"');
      expect(result.stderr).not.toContain("    at ");
    },
  );

  it("stops, and leaves no process", async () => {
    const pid = Number((await status()).pid);
    const stopped = await ctx.world.awsafe(["agent", "stop"]);
    expect(stopped.stdout).toBe("awsafe agent: stopped\n");
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await ctx.world.awsafe(["agent", "status"])).status).toBe(69);
  });
});
