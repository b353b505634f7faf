import { execFile, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";
import { assertAwsafeBuilt, awsafeArgv } from "../support/awsafe-command.js";
import { fakeKey } from "../support/fake-keys.js";
import { makeHome } from "../support/run-awsafe.js";

// awsafe doctor's machine checks against a HOME with each problem planted, and a clean one.
// The clock check asks the emulator's STS (AWS_ENDPOINT_URL), so no check leaves the machine.

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let emulator: RunningEmulator;
beforeAll(async () => {
  assertAwsafeBuilt();
  emulator = await start({ port: 0 });
});
afterAll(() => emulator.stop());

function baseEnv(home: string): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "",
    HOME: home,
    AWS_ENDPOINT_URL: emulator.url,
    AWSAFE_BACKEND: "file",
    AWSAFE_PROMPT: "none",
    AWSAFE_TEST_FILE_WORK_FACTOR: "10",
    AWSAFE_FILE_PASSPHRASE: "test-passphrase-FAKE",
  };
}

function doctor(args: readonly string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const command = awsafeArgv(["doctor", ...args]);
  return new Promise((resolve) => {
    execFile(command.program, command.args, { env, cwd }, (error, stdout, stderr) => {
      resolve({
        status: error === null ? 0 : typeof error.code === "number" ? error.code : null,
        stdout,
        stderr,
      });
    });
  });
}

const key = fakeKey();
const shellKey = fakeKey();

/** A HOME with every machine problem the doctor knows, and a working directory with a `.envrc`. */
function plantedHome(): { home: string; cwd: string } {
  const home = makeHome({
    credentials: `[default]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
    config: [
      "[default]",
      "region = us-east-1",
      "[profile ops]",
      "role_arn = arn:aws:iam::123456789012:role/OpsRole",
      "source_profile = default",
      "[profile vendor]",
      "credential_process = /opt/vendor/bin/creds --account ops",
      "",
    ].join("\n"),
  });
  chmodSync(path.join(home, ".aws"), 0o755);
  chmodSync(path.join(home, ".aws/credentials"), 0o644);
  mkdirSync(path.join(home, ".aws/sso/cache"), { recursive: true, mode: 0o700 });
  writeFileSync(
    path.join(home, ".aws/sso/cache/0123abcd.json"),
    JSON.stringify({
      startUrl: "https://d-1.awsapps.com/start",
      accessToken: "FAKEaccess",
      refreshToken: "FAKErefresh",
      expiresAt: "2026-12-01T00:00:00Z",
    }),
  );
  mkdirSync(path.join(home, ".aws/cli/cache"), { recursive: true });
  writeFileSync(
    path.join(home, ".aws/cli/cache/role.json"),
    JSON.stringify({
      Credentials: {
        AccessKeyId: "ASIAFAKE",
        SecretAccessKey: "FAKEsecret",
        SessionToken: "FAKEtoken",
      },
    }),
  );
  writeFileSync(
    path.join(home, ".bashrc"),
    `alias ll='ls -l'\nexport AWS_SECRET_ACCESS_KEY=${shellKey.secretAccessKey}\n`,
  );
  const cwd = mkdtempSync(path.join(tmpdir(), "awsafe-project-"));
  writeFileSync(path.join(cwd, ".envrc"), `export AWS_ACCESS_KEY_ID=${shellKey.accessKeyId}\n`);
  return { home, cwd };
}

describe("awsafe doctor on this machine", () => {
  it("a clean HOME: no ✗ and no !, exit 0", async () => {
    const home = makeHome({ config: "[profile me]\nregion = eu-west-1\n" });
    chmodSync(path.join(home, ".aws/config"), 0o600);
    const run = await doctor([], baseEnv(home), home);
    expect(run.stdout).not.toMatch(/^[✗!] /m);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/0 !, 0 ✗\n$/);
    rmSync(home, { recursive: true, force: true });
  });

  it("a HOME with each problem planted: every one found, exit 1, no secret printed", async () => {
    const { home, cwd } = plantedHome();
    const env = {
      ...baseEnv(home),
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    };
    const run = await doctor([], env, cwd);
    console.log(
      `awsafe doctor (planted HOME), exit ${String(run.status)}:\n${run.stdout}${run.stderr}`,
    );
    expect(run.status).toBe(1);
    for (const expected of [
      "✗ long-term keys in plain text in the shared files: profile(s) default",
      "    fix: awsafe import",
      "✗ a long-term AWS key is exported in this environment",
      `✗ AWS keys in plain text: ${path.join(home, ".bashrc")}:2 (AWS_SECRET_ACCESS_KEY), ${path.join(cwd, ".envrc")}:1 (AWS_ACCESS_KEY_ID)`,
      `✗ 1 file(s) with IAM Identity Center tokens of the AWS CLI and SDKs (a refresh token, valid for weeks) in plain text in ${path.join(home, ".aws/sso/cache")}`,
      `! 1 file(s) with the AWS CLI's cached role credentials in plain text in ${path.join(home, ".aws/cli/cache")}`,
      `! ${path.join(home, ".aws")} is mode 755: other users can list it`,
      `✗ ${path.join(home, ".aws/credentials")} is mode 644: other users can read it`,
      `    fix: chmod 600 ${path.join(home, ".aws/credentials")}`,
      '✗ profile "ops" assumes its role with long-term keys and no MFA device',
      '! profile "vendor" runs credential_process = /opt/vendor/bin/creds --account ops (not awsafe)',
    ]) {
      expect(run.stdout).toContain(expected);
    }
    for (const secret of [
      key.secretAccessKey,
      shellKey.secretAccessKey,
      "FAKErefresh",
      "FAKEsecret",
    ]) {
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
    const json = await doctor(["--json"], env, cwd);
    const parsed = JSON.parse(json.stdout) as {
      ok: boolean;
      sections: { findings: { check: string; status: string }[] }[];
    };
    expect(json.status).toBe(1);
    expect(parsed.ok).toBe(false);
    expect(
      parsed.sections[0]?.findings.filter((f) => f.status === "fail").map((f) => f.check),
    ).toEqual(
      expect.arrayContaining([
        "plaintext-keys",
        "environment",
        "shell-files",
        "plaintext-cache",
        "file-modes",
        "role-mfa",
      ]),
    );
    rmSync(home, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it("--fix without a terminal to ask on is refused before anything changes (64)", async () => {
    const { home, cwd } = plantedHome();
    const run = await doctor(["--fix"], baseEnv(home), cwd);
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/^awsafe: doctor --fix asks before each fix/);
    expect(existsSync(path.join(home, ".aws/sso/cache/0123abcd.json"))).toBe(true);
    rmSync(home, { recursive: true, force: true });
  });
});

describeWithRealThing("awsafe doctor --fix on a terminal", await missingCommands("script"), () => {
  it("asks before each local fix; after yes to all, the machine checks pass on those points", async () => {
    const { home, cwd } = plantedHome();
    const env = { ...baseEnv(home), AWSAFE_PROMPT: "terminal" };
    const command = awsafeArgv(["doctor", "--fix"]);
    const line = [command.program, ...command.args].map((word) => `'${word}'`).join(" ");
    const child = spawn("script", ["-qfec", line, "/dev/null"], { env, cwd });
    let screen = "";
    let answered = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString();
      const asked = screen.split("[y/N]").length - 1;
      for (; answered < asked; answered++) child.stdin.write("y\n");
    });
    await new Promise((resolve) => child.on("close", resolve));
    expect(answered).toBe(6);
    expect(screen).toContain("fixed: awsafe import");
    expect(existsSync(path.join(home, ".aws/sso/cache/0123abcd.json"))).toBe(false);
    expect(existsSync(path.join(home, ".aws/cli/cache/role.json"))).toBe(false);
    expect(statSync(path.join(home, ".aws")).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(home, ".aws/credentials"), "utf8")).not.toContain(
      key.secretAccessKey,
    );
    const after = await doctor([], baseEnv(home), cwd);
    for (const check of [
      "no keys in plain text in the shared files",
      "no plain-text credential caches",
    ]) {
      expect(after.stdout).toContain(`✓ ${check}`);
    }
    rmSync(home, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });
});
