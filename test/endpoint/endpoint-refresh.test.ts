import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { totpCode } from "../../emulator/mfa/verify-totp.js";
import { control, seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { useStoredKeysWorld } from "../engine/awsafe-world.js";
import { awsafeArgv } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";

// A long-running child keeps calling STS through `awsafe exec --server` while the emulator's
// clock (and, through AWSAFE_TEST_CLOCK_OFFSET_FILE, the endpoint's) moves past the expiry of
// the session it was first given; it keeps working because the endpoint refreshed.
//
// The child is the SDK for JavaScript: after the clock moves, a client signs with a time 16
// minutes off the emulator's, and the JS SDK corrects its clock from the error's Date header
// and retries, as it would against AWS. botocore (the AWS CLI, boto3) has no such correction,
// so it cannot sign across a moved clock at all — through the endpoint or not.
const ctx = useStoredKeysWorld();
const work = mkdtempSync(path.join(tmpdir(), "awsafe-refresh-"));
const offsetFile = path.join(work, "clock-offset");
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Call {
  readonly arn?: string;
  readonly accessKeyId?: string;
  readonly error?: string;
}

describe("the endpoint refreshes credentials before they expire under a running child", () => {
  it.each([
    {
      name: "from the cached MFA session",
      flags: [],
      mfaPrompts: 0,
    },
    {
      // Each AssumeRole needs a code: the refresh asks the profile's mfa_process, as the spent
      // --mfa-token code would be refused (the endpoint would answer 503).
      name: "asking mfa_process for a new code when the role needs one (--no-session)",
      flags: ["--no-session"],
      mfaPrompts: 1,
    },
  ])("a child calling STS across the session's expiry keeps working: $name", async (variant) => {
    const promptsBefore = ctx.world.mfaPrompts();
    // The MFA code for the emulator's present time, given with --mfa-token: the profile's
    // mfa_process would move the emulator's clock 30 s ahead of awsafe's (which the test moves
    // only through the offset file), and awsafe would then reuse the 15-minute role session
    // below for those 30 s instead of assuming the role again.
    const user = seedUser(ctx.emulator, "assume-only");
    const code = totpCode(user.totpSecret ?? "", ctx.emulator.state.clock.nowMs());
    const command = awsafeArgv([
      "exec",
      "admin",
      "--server",
      // A 15-minute role session: the agent never reuses one (it keeps those with more than 15
      // minutes left), so each refresh is a new AssumeRole from the cached MFA session.
      "--duration",
      "900",
      "--mfa-token",
      code,
      ...variant.flags,
      "--",
      process.execPath,
      path.join(repoRoot, "test/endpoint/fixtures/sdk-caller.mjs"),
      "fromHttp",
      ctx.emulator.url,
      "--loop",
    ]);
    const child = spawn(command.program, command.args, {
      env: {
        ...ctx.world.env,
        AWSAFE_TEST_CLOCK_OFFSET_FILE: offsetFile,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const ended = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const nextLine = async () => {
      const next = await lines.next();
      if (next.done === true) throw new Error(`the child ended early: ${stderr}`);
      return next.value;
    };
    const call = async (): Promise<Call> => {
      child.stdin.write("call\n");
      return JSON.parse(await nextLine()) as Call;
    };
    const sessions = ctx.emulator.state.world.sessions;
    try {
      expect(await nextLine()).toBe("ready");
      const first = await call();
      expect(first.error).toBeUndefined();
      expect(first.arn).toMatch(/assumed-role\/AdminRole\//);
      const firstSession = sessions.get(first.accessKeyId ?? "");
      expect(firstSession).toBeDefined();
      const sessionsBefore = sessions.size;
      const sessionTokensBefore = await stsCalls("GetSessionToken");

      // 16 minutes later for the emulator, and for the endpoint.
      const clock = (await control(ctx.emulator, "POST", "clock", { advanceSeconds: 960 })) as {
        offsetSeconds: number;
      };
      writeFileSync(offsetFile, String(clock.offsetSeconds));
      expect(firstSession?.expiration.getTime()).toBeLessThan(ctx.emulator.state.clock.nowMs());

      const second = await call();
      expect(second.error).toBeUndefined();
      expect(second.arn).toMatch(/assumed-role\/AdminRole\//);
      expect(second.accessKeyId).not.toBe(first.accessKeyId);
      // One new session: the role, assumed again from the cached MFA session (the signature
      // of the first attempt is refused as 16 minutes off and retried by the SDK: not counted).
      expect(sessions.size).toBe(sessionsBefore + 1);
      expect(sessions.get(second.accessKeyId ?? "")?.expiration.getTime()).toBeGreaterThan(
        ctx.emulator.state.clock.nowMs(),
      );
      const assumeRolesAfter = await stsCalls("AssumeRole");
      // The MFA session was reused (or, with --no-session, none was made).
      expect(await stsCalls("GetSessionToken")).toBe(sessionTokensBefore);
      expect(ctx.world.mfaPrompts() - promptsBefore).toBe(variant.mfaPrompts);

      // Served from the endpoint's cache now: no further STS call.
      const third = await call();
      expect(third.accessKeyId).toBe(second.accessKeyId);
      expect(await stsCalls("AssumeRole")).toBe(assumeRolesAfter);
    } finally {
      child.stdin.end();
    }
    expect(await ended).toBe(0);
    expect(stderr).toBe("");
    ctx.world.captured.push(stderr);
  });
});

async function stsCalls(operation: string): Promise<number> {
  const stats = (await control(ctx.emulator, "GET", "stats")) as {
    operations: Record<string, number>;
  };
  return stats.operations[`sts:${operation}`] ?? 0;
}
