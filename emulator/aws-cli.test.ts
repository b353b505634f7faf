import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "./server.js";
import { nextTotp, seedUser } from "./test-support/emulator-fixture.js";

// The real AWS CLI (Debian `awscli`, installed by .ci/run) against the emulator. Locally it may be
// missing: then the suite is skipped with a visible reason; in CI a missing CLI fails.
const cliFound = spawnSync("aws", ["--version"], { encoding: "utf8" }).error === undefined;
if (!cliFound && process.env["CI"] === undefined) {
  console.warn("emulator/aws-cli.test.ts: skipped — the `aws` command is not installed");
}

const home = mkdtempSync(path.join(tmpdir(), "awsafe-cli-"));
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ port: 0 });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(home, { recursive: true, force: true });
});

interface Keys {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken?: string;
}

interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

// Asynchronous on purpose: the emulator answers from this same process.
function aws(keys: Keys, ...args: string[]): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: keys.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.SecretAccessKey,
    ...(keys.SessionToken === undefined ? {} : { AWS_SESSION_TOKEN: keys.SessionToken }),
  };
  return new Promise((resolve) => {
    execFile(
      "aws",
      [...args, "--endpoint-url", emulator.url, "--output", "json"],
      { env },
      (error, stdout, stderr) => {
        resolve({
          status: typeof error?.code === "number" ? error.code : error ? 1 : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe.runIf(cliFound || process.env["CI"] !== undefined)(
  "the real AWS CLI against the emulator",
  () => {
    const userKeys = (): Keys => {
      const u = seedUser(emulator, "assume-only");
      return { AccessKeyId: u.accessKeyId ?? "", SecretAccessKey: u.secretAccessKey ?? "" };
    };

    it("gets its identity, is refused iam list-users without MFA, and reaches AdminRole after get-session-token", async () => {
      const identity = await aws(userKeys(), "sts", "get-caller-identity");
      expect(identity.stderr).toBe("");
      expect(JSON.parse(identity.stdout)).toMatchObject({
        Arn: "arn:aws:iam::123456789012:user/assume-only",
      });

      const listUsers = await aws(userKeys(), "iam", "list-users");
      expect(listUsers.status).not.toBe(0);
      expect(listUsers.stderr).toContain("AccessDenied");

      const u = seedUser(emulator, "assume-only");
      const code = await nextTotp(emulator, u.totpSecret);
      const session = await aws(
        userKeys(),
        "sts",
        "get-session-token",
        "--serial-number",
        u.mfaSerial ?? "",
        "--token-code",
        code,
      );
      expect(session.stderr).toBe("");
      const sessionKeys = (JSON.parse(session.stdout) as { Credentials: Keys }).Credentials;

      const role = await aws(
        sessionKeys,
        "sts",
        "assume-role",
        "--role-arn",
        "arn:aws:iam::210987654321:role/AdminRole",
        "--role-session-name",
        "cli",
      );
      expect(role.stderr).toBe("");
      expect(JSON.parse(role.stdout)).toMatchObject({
        AssumedRoleUser: { Arn: "arn:aws:sts::210987654321:assumed-role/AdminRole/cli" },
      });
    });

    it("gets InvalidClientTokenId with a made-up key", async () => {
      const result = await aws(
        { AccessKeyId: "AKIAFAKEFAKEFAKE9999", SecretAccessKey: "made-up-secret-FAKE" },
        "sts",
        "get-caller-identity",
      );
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("InvalidClientTokenId");
    });
  },
);
