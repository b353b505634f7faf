import { appendFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { adminRoleArn, jsonFields, useStoredKeysWorld, type Run } from "./awsafe-world.js";

// Commands awsafe runs for a secret are capped in output and time: a flood or a hang ends in a
// one-line error (exit 77) naming the profile, and the agent lives on with its sessions.
const ctx = useStoredKeysWorld();
/** The time limit these tests run with. */
const limit = { AWSAFE_PROCESS_TIMEOUT_SECONDS: "2" };

beforeAll(() => {
  const role = (name: string, mfaProcess: string) => [
    `[profile ${name}]`,
    `role_arn = ${adminRoleArn}`,
    "source_profile = base",
    // A device of its own: no session cached for `admin` spares its mfa_process.
    `mfa_serial = arn:aws:iam::123456789012:mfa/${name}-FAKE`,
    `mfa_process = ${mfaProcess}`,
  ];
  appendFileSync(
    path.join(ctx.world.home, ".aws/config"),
    [
      "",
      "[profile flood]",
      "credential_process = /usr/bin/yes",
      "[profile stuck]",
      'credential_process = sh -c "exec sleep 1000"',
      ...role("mfa-flood", "/usr/bin/yes 123456"),
      ...role("mfa-stuck", 'sh -c "exec sleep 1000"'),
      "",
    ].join("\n"),
  );
});

/** A run of awsafe, with how long it took. */
async function timed(run: Promise<Run>): Promise<Run & { readonly ms: number }> {
  const started = Date.now();
  const result = await run;
  return { ...result, ms: Date.now() - started };
}

/** The one-line error and its hint, and nothing else (no stack trace). */
function expectOneLineError(result: Run, message: string): void {
  expect(result.status).toBe(77);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines[0]).toBe(`awsafe: ${message}`);
  expect(lines.slice(1).every((line) => line.startsWith("hint: "))).toBe(true);
  expect(lines.length).toBeLessThanOrEqual(2);
}

describe("commands awsafe runs for a secret", () => {
  it("stop a credential_process that floods its output (/usr/bin/yes)", async () => {
    const result = await timed(ctx.world.awsafe(["credential-process", "flood", "--no-agent"]));
    expectOneLineError(
      result,
      'credential_process of profile "flood" printed more than 64 KiB; awsafe stopped it',
    );
    expect(result.ms).toBeLessThan(10_000);
  });

  it("stop an mfa_process that floods its output (/usr/bin/yes 123456)", async () => {
    const result = await timed(ctx.world.awsafe(["credential-process", "mfa-flood", "--no-agent"]));
    expectOneLineError(
      result,
      'mfa_process of profile "mfa-flood" printed more than 4 KiB; awsafe stopped it',
    );
    expect(result.ms).toBeLessThan(10_000);
  });

  it("stop an mfa_process that hangs after AWSAFE_PROCESS_TIMEOUT_SECONDS", async () => {
    const result = await timed(
      ctx.world.awsafe(["credential-process", "mfa-stuck", "--no-agent"], limit),
    );
    expectOneLineError(
      result,
      'mfa_process of profile "mfa-stuck" did not finish within 2 s; awsafe stopped `sh -c "exec sleep 1000"`',
    );
    expect(result.stderr).toContain("AWSAFE_PROCESS_TIMEOUT_SECONDS");
    expect(result.ms).toBeGreaterThanOrEqual(2_000);
    expect(result.ms).toBeLessThan(10_000);
  });

  it("stop a credential_process the agent runs that hangs, with the client's limit", async () => {
    const result = await timed(ctx.world.awsafe(["credential-process", "stuck"], limit));
    expectOneLineError(
      result,
      'credential_process of profile "stuck" did not finish within 2 s; awsafe stopped `sh -c "exec sleep 1000"`',
    );
    expect(result.ms).toBeLessThan(10_000);
  });

  it("with the agent, a hung mfa_process does not hold the single-flight lock for good", async () => {
    // Both ask for the same session: the second waits for the first's lock, then asks its own
    // client, whose mfa_process hangs as well. Each ends within its limit.
    const [first, second] = await Promise.all([
      timed(ctx.world.awsafe(["credential-process", "mfa-stuck"], limit)),
      timed(ctx.world.awsafe(["credential-process", "mfa-stuck"], limit)),
    ]);
    for (const result of [first, second]) {
      expect(result.status).toBe(77);
      expect(result.stderr).toContain('mfa_process of profile "mfa-stuck" did not finish');
      expect(result.ms).toBeLessThan(15_000);
    }
  });

  it("leave the agent alive with its sessions when a credential_process floods", async () => {
    const status = async () =>
      jsonFields((await ctx.world.awsafe(["agent", "status", "--json"])).stdout);
    const held = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    expect(held.status).toBe(0);
    const prompts = ctx.world.mfaPrompts();
    const agent = await status();
    expect(agent.running).toBe("true");

    const flooded = await ctx.world.awsafe(["credential-process", "flood"]);
    expectOneLineError(
      flooded,
      'credential_process of profile "flood" printed more than 64 KiB; awsafe stopped it',
    );

    expect(await status()).toMatchObject({ running: "true", pid: agent.pid });
    const again = await ctx.world.awsafeCredentials(["credential-process", "admin"]);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe("");
    expect(jsonFields(again.stdout).AccessKeyId).toBe(jsonFields(held.stdout).AccessKeyId);
    expect(ctx.world.mfaPrompts()).toBe(prompts);
  });
});
