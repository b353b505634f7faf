import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { assertAwsafeBuilt, awsafeArgv, awsafeCommand } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { makeHome } from "../support/run-awsafe.js";

const mfaScript = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
export const adminRoleArn = "arn:aws:iam::210987654321:role/AdminRole";
export const mfaSerial = "arn:aws:iam::123456789012:mfa/assume-only";

/** What a spawned program printed and how it ended. */
export interface Run {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temp HOME wired to an in-process emulator, and everything a run of awsafe needs. */
export interface AwsafeWorld {
  readonly home: string;
  readonly env: Record<string, string>;
  readonly mfaLog: string;
  /**
   * Every stdout and stderr captured, for the secret scan, except the stdout of runs whose job
   * is to print credentials (`credential-process`, `export`).
   */
  readonly captured: string[];
  /** Runs a program asynchronously (the emulator answers from this process). */
  run(program: string, args: readonly string[], extraEnv?: Record<string, string>): Promise<Run>;
  awsafe(args: readonly string[], extraEnv?: Record<string, string>): Promise<Run>;
  /** Runs awsafe to print credentials: its stdout is not scanned. */
  awsafeCredentials(args: readonly string[], extraEnv?: Record<string, string>): Promise<Run>;
  /** Lines in the MFA log: how many times mfa_process ran. */
  mfaPrompts(): number;
  /** Stops this HOME's agent, if one runs (every test file that uses the agent calls it). */
  stopAgent(): Promise<void>;
}

/** Which secret store the world uses. */
export type WorldBackend = "file" | "keychain";

/**
 * A HOME with profiles `base` (keys stored by `awsafe add`), `admin` (AdminRole with MFA from
 * `mfa_process`), `admin-asks` (the same, asking for the code at a prompt) and `admin-aws` (`credential_process = awsafe credential-process admin`, what the
 * AWS CLI, boto3 and the JS SDK read).
 */
export function makeWorld(emulator: RunningEmulator, backend: WorldBackend): AwsafeWorld {
  assertAwsafeBuilt();
  const user = seedUser(emulator, "assume-only");
  const quote = (word: string) => `'${word}'`;
  const processLine = [...awsafeCommand, "credential-process", "admin"].map(quote).join(" ");
  const home = makeHome({
    config: [
      "[profile base]",
      "region = us-east-1",
      "[profile admin]",
      `role_arn = ${adminRoleArn}`,
      "source_profile = base",
      `mfa_serial = ${mfaSerial}`,
      `mfa_process = ${quote(process.execPath)} ${quote(mfaScript)}`,
      "region = us-east-1",
      "[profile admin-asks]",
      `role_arn = ${adminRoleArn}`,
      "source_profile = base",
      `mfa_serial = ${mfaSerial}`,
      "[profile admin-aws]",
      `credential_process = ${processLine}`,
      "region = us-east-1",
      "",
    ].join("\n"),
  });
  const mfaLog = path.join(mkdtempSync(path.join(tmpdir(), "awsafe-mfa-")), "mfa.log");
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: home,
    AWS_ENDPOINT_URL: emulator.url,
    AWSAFE_BACKEND: backend,
    AWSAFE_PROMPT: "none",
    AWSAFE_TEST_KEYCHAIN_SERVICE: `awsafe-test-${path.basename(home)}`,
    AWSAFE_TEST_FILE_WORK_FACTOR: "10",
    AWSAFE_FILE_PASSPHRASE: "test-passphrase-FAKE",
    // An agent a failed test leaves behind goes away on its own.
    AWSAFE_AGENT_IDLE_SECONDS: "120",
    EMULATOR_URL: emulator.url,
    TOTP_SECRET: user.totpSecret ?? "",
    MFA_LOG: mfaLog,
    ...dbusEnv(),
  };
  const captured: string[] = [];
  const spawnAndCapture = (
    program: string,
    args: readonly string[],
    extraEnv: Record<string, string>,
    scanStdout: boolean,
  ) =>
    new Promise<Run>((resolve) => {
      execFile(program, args, { env: { ...env, ...extraEnv } }, (error, stdout, stderr) => {
        captured.push(scanStdout ? stdout : "", stderr);
        const failed = error !== null && typeof error.code === "number" ? error.code : null;
        resolve({
          status: error === null ? 0 : failed,
          signal: error?.signal ?? null,
          stdout,
          stderr,
        });
      });
    });
  const awsafeRun = (args: readonly string[], extraEnv: Record<string, string>, scan: boolean) => {
    const command = awsafeArgv(args);
    return spawnAndCapture(command.program, command.args, extraEnv, scan);
  };
  return {
    home,
    env,
    mfaLog,
    captured,
    run: (program, args, extraEnv = {}) => spawnAndCapture(program, args, extraEnv, true),
    awsafe: (args, extraEnv = {}) => awsafeRun(args, extraEnv, true),
    awsafeCredentials: (args, extraEnv = {}) => awsafeRun(args, extraEnv, false),
    stopAgent: async () => {
      const stopped = await awsafeRun(["agent", "stop"], {}, true);
      if (stopped.status !== 0) throw new Error(`agent stop failed: ${stopped.stderr}`);
    },
    mfaPrompts: () =>
      existsSync(mfaLog) ? readFileSync(mfaLog, "utf8").split("\n").filter(Boolean).length : 0,
  };
}

/** The session bus of `scripts/with-secret-service.sh`, when the tests run inside it. */
function dbusEnv(): Record<string, string> {
  const address = process.env["DBUS_SESSION_BUS_ADDRESS"];
  return address === undefined ? {} : { DBUS_SESSION_BUS_ADDRESS: address };
}

/** Whether a Secret Service is reachable (the tests run under with-secret-service.sh). */
export function secretServiceAvailable(): boolean {
  return process.env["DBUS_SESSION_BUS_ADDRESS"] !== undefined;
}

/** Every file under `dir`, with its content. */
export function filesUnder(dir: string): { file: string; content: string }[] {
  const found: { file: string; content: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = statSync(file);
    if (stat.isDirectory()) found.push(...filesUnder(file));
    else if (stat.isFile()) found.push({ file, content: readFileSync(file, "latin1") });
  }
  return found;
}

/** The scalar fields of a JSON object printed by a program, as strings (others are left out). */
export function jsonFields(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null) throw new Error(`not a JSON object: ${text}`);
  return Object.fromEntries(
    Object.entries(parsed).flatMap(([key, value]) =>
      typeof value === "string"
        ? [[key, value]]
        : typeof value === "number" || typeof value === "boolean"
          ? [[key, String(value)]]
          : [],
    ),
  );
}

/**
 * Registers `beforeAll`/`afterAll` for a test file that needs an emulator and a world whose
 * `base` keys are already stored (file store); tears both down, agent included. The tests reach
 * them through the returned object once `beforeAll` has run.
 */
export function useStoredKeysWorld(): {
  readonly emulator: RunningEmulator;
  readonly world: AwsafeWorld;
} {
  let emulator: RunningEmulator | undefined;
  let world: AwsafeWorld | undefined;
  beforeAll(async () => {
    emulator = await start({ port: 0 });
    world = makeWorld(emulator, "file");
    const user = seedUser(emulator, "assume-only");
    const added = await world.awsafe(["add", "base", "--env"], {
      AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
      AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
    });
    expect(added.stderr).toContain("stored");
    expect(added.status).toBe(0);
  });
  afterAll(async () => {
    await world?.stopAgent();
    await emulator?.stop();
    if (world !== undefined) rmSync(world.home, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the world is used before beforeAll ran");
    return value;
  };
  return {
    get emulator() {
      return ready(emulator);
    },
    get world() {
      return ready(world);
    },
  };
}

/** The secret key and session token of every session the emulator issued. */
export function issuedSessionSecrets(running: RunningEmulator): string[] {
  return [...running.state.world.sessions.values()].flatMap((session) => [
    session.secretAccessKey,
    session.sessionToken,
  ]);
}

/**
 * The plain-text scan (DESIGN §4): none of `secrets` in any file under the world's HOME or in
 * any output it captured.
 */
export function expectNoSecretIn(world: AwsafeWorld, secrets: readonly string[]): void {
  const files = filesUnder(world.home);
  for (const secret of secrets) {
    for (const { file, content } of files) expect(content.includes(secret), file).toBe(false);
    for (const output of world.captured) expect(output.includes(secret)).toBe(false);
  }
}
