import { appendFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fakeKey } from "../support/fake-keys.js";
import { jsonFields, useStoredKeysWorld } from "./awsafe-world.js";

// The one agent-or-not decision (src/runtime/agent-route.ts), end to end: off means no agent on
// every path; an agent that cannot serve costs one bounded wait and a notice; an error the agent
// met carries its causes back for --debug.
const ctx = useStoredKeysWorld();

const socketFile = () => path.join(ctx.world.home, ".local/share/awsafe/run/agent.sock");
const agentPid = async () => {
  const status = await ctx.world.awsafe(["agent", "status", "--json"]);
  return status.status === 0 ? Number(jsonFields(status.stdout).pid) : undefined;
};

describe("AWSAFE_AGENT=off and --no-agent", () => {
  it.each([
    [
      "the fast path (credential-process <profile>)",
      ["credential-process", "admin"],
      { AWSAFE_AGENT: "off" },
    ],
    ["the CLI (export)", ["export", "admin", "--format", "json"], { AWSAFE_AGENT: "off" }],
    ["--no-agent on the fast path's command", ["credential-process", "admin", "--no-agent"], {}],
  ])("starts no agent and makes no socket through %s", async (_name, args, env) => {
    await ctx.world.stopAgent();
    const result = await ctx.world.awsafeCredentials(args, env);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(jsonFields(result.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(existsSync(socketFile())).toBe(false);
    expect(await agentPid()).toBeUndefined();
  });

  it("starts none either when the profile is wrong", async () => {
    const result = await ctx.world.awsafe(["credential-process", "nope"], { AWSAFE_AGENT: "off" });
    expect(result.status).toBe(78);
    expect(existsSync(socketFile())).toBe(false);
  });

  it("refuses a value that is neither on nor off, with a hint", async () => {
    const result = await ctx.world.awsafe(["credential-process", "admin"], { AWSAFE_AGENT: "of" });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("AWSAFE_AGENT=of is neither on nor off");
    expect(existsSync(socketFile())).toBe(false);
  });
});

describe("an agent that cannot serve", () => {
  it.each([
    ["the fast path (credential-process <profile>)", ["credential-process", "admin"]],
    ["the CLI (export)", ["export", "admin", "--format", "json"]],
  ])(
    "costs %s one bounded wait, a one-line notice, then works in this process",
    async (_name, args) => {
      await ctx.world.awsafeCredentials(["credential-process", "admin"]);
      const pid = await agentPid();
      if (pid === undefined) throw new Error("no agent runs");
      process.kill(pid, "SIGSTOP");
      try {
        const started = performance.now();
        const result = await ctx.world.awsafeCredentials(args);
        const seconds = (performance.now() - started) / 1000;
        expect(result.status).toBe(0);
        expect(jsonFields(result.stdout).AccessKeyId).toMatch(/^ASIA/);
        const notices = result.stderr.split("\n").filter(Boolean);
        expect(notices).toEqual([
          "awsafe: the awsafe agent did not answer within 5 s; working without it this time (sessions cached in the secret store)",
        ]);
        // One wait of 5 s, not two: the CLI proper does not ask the agent again.
        expect(seconds).toBeGreaterThanOrEqual(5);
        expect(seconds).toBeLessThan(9.5);
        console.info(`stopped agent: ${args[0] ?? ""} answered in ${seconds.toFixed(2)} s`);
      } finally {
        process.kill(pid, "SIGCONT");
      }
      await ctx.world.stopAgent();
    },
  );
});

describe("--debug through the agent", () => {
  it("shows the STS cause of an error the agent met, redacted", async () => {
    const key = fakeKey();
    appendFileSync(
      path.join(ctx.world.home, ".aws/config"),
      "[profile bogus]\nregion = us-east-1\n",
    );
    const added = await ctx.world.awsafe(["add", "bogus", "--env"], {
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    });
    expect(added.status).toBe(0);
    const viaAgent = await ctx.world.awsafe(["credential-process", "bogus", "--debug"]);
    expect(await agentPid()).toBeDefined();
    const inProcess = await ctx.world.awsafe([
      "credential-process",
      "bogus",
      "--debug",
      "--no-agent",
    ]);
    for (const result of [viaAgent, inProcess]) {
      expect(result.status).toBe(77);
      expect(result.stderr).toContain("AWS does not accept the access key (InvalidClientTokenId)");
      expect(result.stderr).toMatch(/^caused by: InvalidClientTokenId: .+$/m);
      expect(result.stderr).not.toContain(key.secretAccessKey);
    }
    const withoutDebug = (text: string) =>
      text
        .split("\n")
        .filter((line) => !line.startsWith("awsafe: debug:"))
        .join("\n");
    expect(withoutDebug(viaAgent.stderr)).toBe(withoutDebug(inProcess.stderr));
    expect(inProcess.stderr).toContain("awsafe: debug: working without the agent: --no-agent");
  });
});
