import { spawn } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { awsafeArgv } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { jsonFields, mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

const ctx = useStoredKeysWorld();
const node = process.execPath;

const printEnv = `process.stdout.write(JSON.stringify(process.env))`;

/** How many STS calls the emulator has answered so far. */
async function stsCalls(): Promise<number> {
  const stats = (await (await fetch(`${ctx.emulator.url}/__emulator/stats`)).json()) as {
    operations: Record<string, number>;
  };
  return Object.entries(stats.operations)
    .filter(([name]) => name.startsWith("sts:"))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** The code the seeded MFA device shows now, from the tests' own mfa_process. */
async function currentCode(): Promise<string> {
  const script = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
  return (await ctx.world.run(node, [script])).stdout.trim();
}

/** Runs awsafe with `input` on its stdin. */
function awsafeWithStdin(
  args: readonly string[],
  input: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const command = awsafeArgv(args);
  const child = spawn(command.program, command.args, { env: ctx.world.env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => {
    child.on("close", (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

describe("awsafe exec", () => {
  it("gives the child a clean environment with the role's credentials", async () => {
    const result = await ctx.world.awsafe(
      ["exec", "admin", "--region", "eu-west-1", "--", node, "-e", printEnv],
      {
        AWS_PROFILE: "other",
        AWS_DEFAULT_PROFILE: "other",
        AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE",
        AWS_SECRET_ACCESS_KEY: "inherited-secret-FAKE",
        AWS_SECURITY_TOKEN: "inherited-token-FAKE",
        KEEP_ME: "kept",
      },
    );
    expect(result.stderr).toBe("");
    const env = jsonFields(result.stdout);
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(env.AWS_SESSION_TOKEN).not.toBe("");
    expect(env.AWS_CREDENTIAL_EXPIRATION).toMatch(/Z$/);
    expect(env).toMatchObject({
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWSAFE_PROFILE: "admin",
      KEEP_ME: "kept",
    });
    for (const gone of [
      "AWS_PROFILE",
      "AWS_DEFAULT_PROFILE",
      "AWS_SECURITY_TOKEN",
      "AWSAFE_FILE_PASSPHRASE",
    ]) {
      expect(env).not.toHaveProperty(gone);
    }
    expect(JSON.stringify(env)).not.toContain("inherited-secret-FAKE");
  });

  it("returns the child's exit code, and 128 + signal when a signal ends it", async () => {
    expect((await ctx.world.awsafe(["exec", "admin", "--", "sh", "-c", "exit 7"])).status).toBe(7);
    expect(
      (await ctx.world.awsafe(["exec", "admin", "--", "sh", "-c", "kill -TERM $$"])).status,
    ).toBe(143);
  });

  it("refuses to nest", async () => {
    const result = await ctx.world.awsafe(["exec", "admin", "--", "true"], {
      AWSAFE_PROFILE: "admin",
    });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('Already inside `awsafe exec` for profile "admin"');
  });

  it("runs $SHELL when no command is given", async () => {
    const shell = path.join(ctx.world.home, "fake-shell");
    writeFileSync(shell, '#!/bin/sh\necho "shell for $AWSAFE_PROFILE"\nexit 3\n');
    chmodSync(shell, 0o755);
    const result = await ctx.world.awsafe(["exec", "admin"], { SHELL: shell });
    expect(result.stdout).toBe("shell for admin\n");
    expect(result.status).toBe(3);
  });

  it("exits 127 when the command does not exist, as env and shells do", async () => {
    const result = await ctx.world.awsafe(["exec", "admin", "--", "no-such-command-FAKE"]);
    expect(result.status).toBe(127);
    expect(result.stderr).toMatch(/^awsafe: Cannot run "no-such-command-FAKE": command not found/m);
  });

  it("exits 126 when the command cannot be executed", async () => {
    const script = path.join(ctx.world.home, "not-executable");
    writeFileSync(script, "#!/bin/sh\nexit 0\n", { mode: 0o644 });
    const result = await ctx.world.awsafe(["exec", "admin", "--", script]);
    expect(result.status).toBe(126);
    expect(result.stderr).toMatch(/^awsafe: Cannot run ".*not-executable": permission denied/m);
  });

  it("forwards SIGTERM to the child and returns what the child made of it", async () => {
    const script = [
      'process.on("SIGTERM", () => process.exit(42));',
      'process.stdout.write("ready\\n");',
      "setInterval(() => undefined, 1000);",
    ].join("");
    const command = awsafeArgv(["exec", "admin", "--", node, "-e", script]);
    const child = spawn(command.program, command.args, {
      env: ctx.world.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) resolve();
      });
    });
    child.kill("SIGTERM");
    const status = await new Promise<number | null>((resolve) =>
      child.on("exit", (code) => {
        resolve(code);
      }),
    );
    expect(status).toBe(42);
  });

  it("with --mfa-token, a refused code fails at once with a hint instead of asking again", async () => {
    const result = await ctx.world.awsafe([
      "credential-process",
      "admin",
      "--no-session",
      "--mfa-token",
      "000000",
    ]);
    expect(result.status).toBe(77);
    expect(result.stderr).toContain("AWS refused the --mfa-token code");
    expect(ctx.world.mfaPrompts()).toBe(1);
  });

  it("without mfa_process and with AWSAFE_PROMPT=none, says how to give a code", async () => {
    const result = await ctx.world.awsafe(["credential-process", "admin-asks", "--no-session"], {
      AWSAFE_PROMPT: "none",
    });
    expect(result.status).toBe(77);
    expect(result.stderr).toContain(`An MFA code for ${mfaSerial} is needed`);
    expect(result.stderr).toMatch(/hint: Give it with --mfa-token/);
  });

  it("names the profile that sets mfa_serial when it cannot ask for a code", async () => {
    // The keys of "base" would call GetSessionToken with the device of "admin-asks"; in this
    // process, with no session cached in the store, a code is needed.
    expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
    const result = await ctx.world.awsafe(["credential-process", "admin-asks", "--no-agent"], {
      AWSAFE_PROMPT: "none",
    });
    expect(result.status).toBe(77);
    expect(result.stderr).toContain('set mfa_process in profile "admin-asks"');
  });

  it.each(["abcdef", "1234567", "12345"])(
    "refuses --mfa-token %s as a usage error before any AWS call",
    async (code) => {
      const before = await stsCalls();
      const result = await ctx.world.awsafe([
        "credential-process",
        "admin",
        "--no-session",
        "--mfa-token",
        code,
      ]);
      expect(result.status).toBe(64);
      expect(result.stderr).toMatch(/^awsafe: --mfa-token .*six digits/m);
      expect(await stsCalls()).toBe(before);
    },
  );

  it("reads the --mfa-token code from stdin with -, one line only", async () => {
    const code = await currentCode();
    const printStdin = "process.stdin.pipe(process.stdout)";
    const result = await awsafeWithStdin(
      ["exec", "admin", "--no-session", "--mfa-token", "-", "--", node, "-e", printStdin],
      `${code}\nfor the child\n`,
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("for the child\n");
    const empty = await awsafeWithStdin(
      ["export", "admin", "--no-session", "--mfa-token", "-"],
      "",
    );
    expect(empty.status).toBe(64);
    expect(empty.stderr).toMatch(/^awsafe: --mfa-token -: .*stdin/m);
  });

  it.each([
    ["base", "100", /GetSessionToken allows .*: 900 to 129600 s/],
    ["base", "37h", /GetSessionToken allows .*: 900 to 129600 s/],
    ["admin", "13h", /AssumeRole allows .*: 900 to 43200 s/],
    ["admin", "1h", undefined],
  ])(
    "checks --duration for profile %s (%s) before asking for an MFA code",
    async (profile, duration, message) => {
      expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
      const [prompts, calls] = [ctx.world.mfaPrompts(), await stsCalls()];
      const result = await ctx.world.awsafeCredentials([
        "export",
        profile,
        "--no-agent",
        "--duration",
        duration,
      ]);
      if (message === undefined) {
        expect(result.status).toBe(0);
        return;
      }
      expect(result.status).toBe(64);
      expect(result.stderr).toMatch(message);
      expect(ctx.world.mfaPrompts()).toBe(prompts);
      expect(await stsCalls()).toBe(calls);
    },
  );

  it("export prints the same credentials in each format", async () => {
    const json = await ctx.world.awsafeCredentials(["export", "admin", "--format", "json"]);
    expect(json.stderr).toBe("");
    const keyId = jsonFields(json.stdout).AccessKeyId ?? "";
    const env = await ctx.world.awsafeCredentials(["export", "admin"]);
    expect(env.stdout).toContain(`export AWS_ACCESS_KEY_ID=${keyId}\n`);
    const bad = await ctx.world.awsafe(["export", "admin", "--format", "yaml"]);
    expect(bad.status).toBe(64);
  });
});
