import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, describe, expect, it } from "vitest";
import type { SeedDescription } from "./seed/describe-seed.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(tmpdir(), "awsafe-emulator-"));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function launch(command: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, npm_config_loglevel: "silent" },
  });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) return line;
  throw new Error("emulator printed nothing");
}

function exited(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      resolve({ code, stderr });
    });
  });
}

async function whoAmI(seed: SeedDescription, index = 0): Promise<string | undefined> {
  const user = seed.users[index];
  const sts = new STSClient({
    endpoint: seed.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: {
      accessKeyId: user?.accessKeyId ?? "",
      secretAccessKey: user?.secretAccessKey ?? "",
    },
  });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
}

describe("process mode", () => {
  it("`npm run -s emulator -- --port 0` prints the seed line first, serves, and goes away on SIGTERM", async () => {
    const child = launch("npm", ["run", "-s", "emulator", "--", "--port", "0"]);
    const done = exited(child);
    const seed = JSON.parse(await firstLine(child)) as SeedDescription;
    expect(seed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(seed.users[0]).toMatchObject({
      userName: "assume-only",
      accountId: "123456789012",
      mfaSerial: "arn:aws:iam::123456789012:mfa/assume-only",
    });
    expect(seed.users[0]?.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(seed.roles.map((r) => r.arn)).toEqual([
      "arn:aws:iam::210987654321:role/AdminRole",
      "arn:aws:iam::210987654321:role/ReadOnlyRole",
    ]);
    expect(seed.sso).toMatchObject({ region: "us-east-1", users: ["developer"] });
    expect(seed.sso?.accounts).toHaveLength(3);
    expect(await whoAmI(seed)).toBe("arn:aws:iam::123456789012:user/assume-only");
    child.kill("SIGTERM");
    // stdout closes only once every holder of the pipe — the emulator included — has exited.
    await done;
    await expect(fetch(seed.url)).rejects.toThrow();
  });

  it("--seed FILE serves the documented JSON format and exits 0 on SIGINT", async () => {
    const file = path.join(tmp, "seed.json");
    writeFileSync(
      file,
      JSON.stringify({
        accounts: [{ id: "999999999999", name: "custom" }],
        users: [
          {
            accountId: "999999999999",
            userName: "ci",
            accessKeys: [
              { accessKeyId: "AKIAEMULATORTEST0001", secretAccessKey: "secret-for-tests-FAKE" },
            ],
          },
        ],
      }),
    );
    const child = launch(process.execPath, ["scripts/emulator.mjs", "--port", "0", "--seed", file]);
    const done = exited(child);
    const seed = JSON.parse(await firstLine(child)) as SeedDescription;
    expect(seed.users).toEqual([
      {
        userName: "ci",
        accountId: "999999999999",
        accessKeyId: "AKIAEMULATORTEST0001",
        secretAccessKey: "secret-for-tests-FAKE",
        mfaSerial: null,
        totpSecret: null,
      },
    ]);
    expect(seed.sso).toBeNull();
    expect(await whoAmI(seed)).toBe("arn:aws:iam::999999999999:user/ci");
    child.kill("SIGINT");
    expect((await done).code).toBe(0);
  });

  it("exits 64 with the path of a bad seed value", async () => {
    const file = path.join(tmp, "bad.json");
    writeFileSync(file, JSON.stringify({ users: [{ accountId: "12", userName: "x" }] }));
    const child = launch(process.execPath, ["scripts/emulator.mjs", "--port", "0", "--seed", file]);
    const { code, stderr } = await exited(child);
    expect(code).toBe(64);
    expect(stderr).toContain("users[0].accountId: expected a 12-digit account id");
  });
});
