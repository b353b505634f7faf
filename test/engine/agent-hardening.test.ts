import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { awsafeArgv, testsBinary } from "../support/awsafe-command.js";
import { stsCounts } from "./engine-fixture.js";
import { adminRoleArn, jsonFields, mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

// The agent under attack (an outside review's cases): long-term keys never leave it, a vanished
// client cannot wedge it, `agent stop` ends it, idle connections do not keep it alive, and
// `remove` reaches the sessions it holds.
const ctx = useStoredKeysWorld();

const socketFile = () => path.join(ctx.world.home, ".local/share/awsafe/run/agent.sock");
const agentPid = async () => {
  const status = await ctx.world.awsafe(["agent", "status", "--json"]);
  return status.status === 0 ? Number(jsonFields(status.stdout).pid) : undefined;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const waitGone = async (pid: number, ms: number) => {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  return !alive(pid);
};

/** One raw request on the agent's socket, and every line it answers until it closes. */
function rawRequest(request: unknown): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketFile());
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      resolve(
        text
          .split("\n")
          .filter(Boolean)
          .map((line): Record<string, unknown> => ({ ...(JSON.parse(line) as object) })),
      );
    });
    socket.write(`${JSON.stringify(request)}\n`);
  });
}

describe("long-term keys never leave the agent", () => {
  it("refuses another passphrase once the agent holds the file store open", async () => {
    const warm = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    expect(warm.status).toBe(0);
    const wrong = await ctx.world.awsafeCredentials(
      ["export", "base", "--no-session", "--format", "json"],
      { AWSAFE_FILE_PASSPHRASE: "totally-wrong" },
    );
    expect(wrong.status).toBe(69);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toContain("wrong passphrase");
    const role = await ctx.world.awsafeCredentials(["credential-process", "admin"], {
      AWSAFE_FILE_PASSPHRASE: "totally-wrong",
    });
    expect(role.status).toBe(69);
  });

  it("reads --no-session keys in the client, which unlocks the store itself", async () => {
    const right = await ctx.world.awsafeCredentials([
      "export",
      "base",
      "--no-session",
      "--format",
      "json",
    ]);
    expect(right.status).toBe(0);
    expect(jsonFields(right.stdout).AccessKeyId).toMatch(/^AKIA/);
  });

  it("answers a raw request for them without a passphrase with a refusal, never the keys", async () => {
    await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    const env = { HOME: ctx.world.home, AWSAFE_BACKEND: "file" };
    const lines = await rawRequest({
      v: 1,
      type: "credentials",
      profile: "base",
      noSession: true,
      env,
    });
    expect(JSON.stringify(lines)).not.toMatch(/AKIA/);
    expect(lines.at(-1)).toMatchObject({ type: "error", error: { kind: "client-only" } });
    // As with ssh-agent, any process of this user gets temporary credentials from it.
    const role = await rawRequest({ v: 1, type: "credentials", profile: "admin", env });
    const credentials = role.at(-1)?.credentials;
    expect(JSON.stringify(credentials)).toMatch(/"accessKeyId":"ASIA/);
  });
});

describe("a client that vanishes, or never answers", () => {
  it("drops a waiting request whose client left; the requests behind it are served", async () => {
    await ctx.world.stopAgent();
    appendFileSync(
      path.join(ctx.world.home, ".aws/config"),
      [
        "[profile rfail]",
        `role_arn = ${adminRoleArn}`,
        "source_profile = base",
        `mfa_serial = ${mfaSerial}`,
        "mfa_process = sh -c 'sleep 3; exit 1'",
        "",
      ].join("\n"),
    );
    const { program, args } = awsafeArgv(["export", "rfail"]);
    const first = ctx.world.run(program, args);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const second = spawn(program, args, { env: ctx.world.env, stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    second.kill("SIGINT");
    expect((await first).status).toBe(77);
    const started = Date.now();
    const after = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    expect(after.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("`agent stop` ends the agent although a client keeps its connection open", async () => {
    await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    const pid = await agentPid();
    if (pid === undefined) throw new Error("no agent");
    const idle = createConnection(socketFile());
    idle.on("error", () => undefined);
    await new Promise((resolve) => idle.once("connect", resolve));
    const stopped = await ctx.world.awsafe(["agent", "stop"]);
    expect(stopped.stdout).toBe("awsafe agent: stopped\n");
    expect(alive(pid)).toBe(false);
    idle.destroy();
  });

  it("exits after its idle time although a client keeps a connection open", async () => {
    await ctx.world.stopAgent();
    await ctx.world.awsafeCredentials(["credential-process", "admin"], {
      AWSAFE_AGENT_IDLE_SECONDS: "2",
    });
    const pid = await agentPid();
    if (pid === undefined) throw new Error("no agent");
    const idle = createConnection(socketFile());
    idle.on("error", () => undefined);
    await new Promise((resolve) => idle.once("connect", resolve));
    expect(await waitGone(pid, 8_000)).toBe(true);
    idle.destroy();
  });
});

describe("the agent's memory", () => {
  it("is closed to other processes of the user in the single executable (Node cannot)", async () => {
    await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    const status = jsonFields((await ctx.world.awsafe(["agent", "status", "--json"])).stdout);
    expect(status.memoryProtected).toBe(String(testsBinary && process.platform === "linux"));
  });
});

describe("remove reaches the agent", () => {
  it("drops a role's session in the agent by the role profile's name, keeping the MFA session", async () => {
    await ctx.world.stopAgent();
    await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    const prompts = ctx.world.mfaPrompts();
    const before = await stsCounts(ctx.emulator);
    const removed = await ctx.world.awsafe(["remove", "admin", "--sessions"]);
    expect(removed.status).toBe(0);
    expect(removed.stderr).toContain('removed 1 cached session(s) of "admin"');
    expect(removed.stderr).toContain("1 in the agent");
    const again = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    expect(again.status).toBe(0);
    const after = await stsCounts(ctx.emulator);
    expect(after["sts:AssumeRole"]).toBe((before["sts:AssumeRole"] ?? 0) + 1);
    expect(after["sts:GetSessionToken"] ?? 0).toBe(before["sts:GetSessionToken"] ?? 0);
    expect(ctx.world.mfaPrompts()).toBe(prompts);
  });
});

describe("clear", () => {
  it("drops a profile's sessions, then every session, in the agent and the store", async () => {
    await ctx.world.stopAgent();
    await ctx.world.awsafeCredentials(["credential-process", "admin", "--no-agent"]);
    await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    const one = await ctx.world.awsafe(["clear", "admin"]);
    expect(one.status).toBe(0);
    expect(one.stderr).toMatch(
      /^dropped 2 cached session\(s\) of "admin" \(1 in .*, 1 in the agent\)$/m,
    );
    const all = await ctx.world.awsafe(["clear", "--all"]);
    expect(all.stderr).toMatch(/^dropped 2 cached session\(s\) \(1 in .*, 1 in the agent\)$/m);
    const prompts = ctx.world.mfaPrompts();
    expect((await ctx.world.awsafeCredentials(["credential-process", "admin"])).status).toBe(0);
    expect(ctx.world.mfaPrompts()).toBe(prompts + 1);
  });

  it("wants a profile or --all", async () => {
    const neither = await ctx.world.awsafe(["clear"]);
    expect(neither.status).toBe(64);
    expect(neither.stderr).toContain("clear needs a profile, or --all");
  });
});
