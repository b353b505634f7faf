import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carelessSeed, compliantSeed } from "../../emulator/seed/practice-seeds.js";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { assertAwsafeBuilt, awsafeArgv } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { makeHome } from "../support/run-awsafe.js";

// `awsafe doctor --profile P` and `awsafe iam check P` against the emulator's two practice seeds:
// the compliant account raises no ✗ and no !, the careless one raises every finding it plants.

const mfaScript = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
const quote = (word: string) => `'${word}'`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface SeedHome {
  readonly emulator: RunningEmulator;
  readonly home: string;
  awsafe(args: readonly string[]): Promise<Run>;
  stop(): Promise<void>;
}

async function seedHome(
  seed: "compliant" | "careless",
  userName: string,
  config: (mfaProcess: string) => string,
): Promise<SeedHome> {
  assertAwsafeBuilt();
  const emulator = await start({
    port: 0,
    seed: seed === "compliant" ? compliantSeed() : carelessSeed(),
  });
  const user = seedUser(emulator, userName);
  const home = makeHome({ config: config(`${quote(process.execPath)} ${quote(mfaScript)}`) });
  chmodSync(path.join(home, ".aws/config"), 0o600);
  const cwd = mkdtempSync(path.join(tmpdir(), "awsafe-cwd-"));
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: home,
    AWS_ENDPOINT_URL: emulator.url,
    AWSAFE_BACKEND: "file",
    AWSAFE_PROMPT: "none",
    AWSAFE_TEST_FILE_WORK_FACTOR: "10",
    AWSAFE_FILE_PASSPHRASE: "test-passphrase-FAKE",
    AWSAFE_AGENT_IDLE_SECONDS: "120",
    EMULATOR_URL: emulator.url,
    TOTP_SECRET: user.totpSecret ?? "",
  };
  const awsafe = (args: readonly string[], extra: Record<string, string> = {}) =>
    new Promise<Run>((resolve) => {
      const command = awsafeArgv(args);
      execFile(
        command.program,
        command.args,
        { env: { ...env, ...extra }, cwd },
        (error, stdout, stderr) => {
          resolve({
            status: error === null ? 0 : typeof error.code === "number" ? error.code : null,
            stdout,
            stderr,
          });
        },
      );
    });
  const added = await awsafe(["add", "base", "--env"], {
    AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
    AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
  });
  expect(added.status, added.stderr).toBe(0);
  return {
    emulator,
    home,
    awsafe,
    stop: async () => {
      await awsafe(["agent", "stop"]);
      await emulator.stop();
      rmSync(home, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

const lines = (text: string, mark: string) =>
  text.split("\n").filter((l) => l.startsWith(`${mark} `));

describe("the compliant seed", () => {
  let world: SeedHome;
  beforeAll(async () => {
    world = await seedHome(
      "compliant",
      "assume-only",
      (mfa) => `[profile base]
region = us-east-1
[profile audit]
role_arn = arn:aws:iam::123456789012:role/AuditRole
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/assume-only
mfa_process = ${mfa}
[profile admin]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/assume-only
mfa_process = ${mfa}
`,
    );
  });
  afterAll(async () => {
    await world.stop();
  });

  it("doctor --profile audit: every check ✓, exit 0", async () => {
    const run = await world.awsafe(["doctor", "--profile", "audit"]);
    console.log(
      `awsafe doctor --profile audit (compliant seed), exit ${String(run.status)}:\n${run.stdout}${run.stderr}`,
    );
    expect(lines(run.stdout, "✗")).toEqual([]);
    expect(lines(run.stdout, "!")).toEqual([]);
    expect(run.status).toBe(0);
    for (const expected of [
      "✓ root has MFA",
      "✓ root has no access keys",
      "✓ 1 IAM user(s): no console password without MFA",
      "(2 service-linked or Identity Center role(s) not checked)",
      "✓ without MFA, user assume-only can only enrol its MFA device and get a session",
      "✓ user assume-only can assume arn:aws:iam::210987654321:role/AdminRole with MFA only",
      "✓ arn:aws:iam::123456789012:role/AuditRole: its trust policy requires MFA",
      "✓ clock: within",
    ]) {
      expect(run.stdout).toContain(expected);
    }
  });

  it("iam check audit: the seed user and both roles, ✓ only", async () => {
    const run = await world.awsafe(["iam", "check", "audit"]);
    console.log(
      `awsafe iam check audit (compliant seed), exit ${String(run.status)}:\n${run.stdout}${run.stderr}`,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^IAM user arn:aws:iam::123456789012:user\/assume-only \(read as arn:aws:sts::123456789012:assumed-role\/AuditRole\//,
    );
    expect(lines(run.stdout, "✓")).toHaveLength(6);
  });

  it("the practice user's own session may not read IAM: iam check says which policy would (77)", async () => {
    const run = await world.awsafe(["iam", "check", "base"]);
    expect(run.status).toBe(77);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^awsafe: Cannot read the policies of arn:aws:iam::123456789012:user\/assume-only as /,
    );
    expect(run.stderr).toContain("awsafe iam policy audit-readonly");
    const doctor = await world.awsafe(["doctor", "--profile", "base"]);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain(
      '✗ not checked: GetAccountSummary of the account (profile "base") was denied',
    );
  });

  it("--json: the same findings for scripts", async () => {
    const run = await world.awsafe(["iam", "check", "audit", "--json"]);
    const json = JSON.parse(run.stdout) as {
      ok: boolean;
      sections: { findings: { check: string; status: string }[] }[];
    };
    expect(json.ok).toBe(true);
    expect(json.sections[0]?.findings.map((f) => f.check)).toContain("user-without-mfa");
  });
});

describe("the careless seed", () => {
  let world: SeedHome;
  beforeAll(async () => {
    world = await seedHome(
      "careless",
      "admin",
      () => `[profile base]
region = us-east-1
[profile ops]
role_arn = arn:aws:iam::123456789012:role/OpsRole
source_profile = base
`,
    );
  });
  afterAll(async () => {
    await world.stop();
  });

  it("doctor --profile base: every planted mistake, exit 1", async () => {
    const run = await world.awsafe(["doctor", "--profile", "base"]);
    console.log(
      `awsafe doctor --profile base (careless seed), exit ${String(run.status)}:\n${run.stdout}${run.stderr}`,
    );
    expect(run.status).toBe(1);
    for (const expected of [
      '✗ profile "ops" assumes its role with long-term keys and no MFA device',
      "✗ root has access keys",
      "✗ root has no MFA",
      "! root was used 1 day(s) ago",
      "✗ users with a console password and no MFA: alice",
      "✗ users with access keys and no MFA: admin, ci-bot, legacy,ops",
      "✗ access keys older than 90 days: ci-bot (key 1, 200 days)",
      "! access keys unused for 90 days: ci-bot (key 1, last used 100 days ago)",
      "✗ arn:aws:iam::123456789012:role/OpsRole: arn:aws:iam::123456789012:root may assume it without MFA",
      "✗ arn:aws:iam::123456789012:role/WeakRole: arn:aws:iam::123456789012:root may assume it without MFA (a BoolIfExists test lets long-term keys through",
      "✗ arn:aws:iam::123456789012:role/OpenRole: anyone, in any AWS account, may assume it without MFA",
      "✗ without MFA, user admin can also",
      "✗ user admin can assume arn:aws:iam::123456789012:role/OpsRole without MFA",
      "✗ Action * in managed policy arn:aws:iam::aws:policy/AdministratorAccess: they apply without MFA",
    ]) {
      expect(run.stdout).toContain(expected);
    }
    expect(run.stdout).not.toContain("GitHubActionsRole");
    expect(run.stdout).not.toContain("AWSServiceRoleForSupport");
  });

  it("iam check base: exit 1, admin rights without MFA", async () => {
    const run = await world.awsafe(["iam", "check", "base"]);
    console.log(
      `awsafe iam check base (careless seed), exit ${String(run.status)}:\n${run.stdout}`,
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("attach a policy to itself");
  });
});
