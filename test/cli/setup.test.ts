import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultSeed } from "../../emulator/seed/default-seed.js";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { awsafeArgv } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { makeHome } from "../support/run-awsafe.js";
import { awsafeOnTmux } from "../support/tmux-terminal.js";

// `awsafe setup` from the seed user's exact files (examples/aws: plain-text keys of `assume-only`
// in ~/.aws/credentials, its roles in ~/.aws/config), against an emulator whose `assume-only`
// user owns exactly those keys.
const seedConfig = readFileSync(path.join(repoRoot, "examples/aws/config"), "utf8");
const seedCredentials = readFileSync(path.join(repoRoot, "examples/aws/credentials"), "utf8");
const keyId = /aws_access_key_id = (\S+)/.exec(seedCredentials)?.[1] ?? "";
const secret = /aws_secret_access_key = (\S+)/.exec(seedCredentials)?.[1] ?? "";
const adminRole = "arn:aws:iam::210987654321:role/AdminRole";
const mfaScript = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");

// A terminal run waits for the AWS CLI and the agent: minutes under a loaded CI, not seconds.
vi.setConfig({ testTimeout: 120_000 });

let emulator: RunningEmulator;
const homes: string[] = [];

beforeAll(async () => {
  const seed = defaultSeed();
  emulator = await start({
    port: 0,
    seed: {
      ...seed,
      users: seed.users.map((user) =>
        user.userName === "assume-only"
          ? { ...user, accessKeys: [{ accessKeyId: keyId, secretAccessKey: secret }] }
          : user,
      ),
    },
  });
});

afterAll(async () => {
  // Each HOME's agent (the proofs started them), stopped together: one by one is slow under load.
  await Promise.all(homes.map((home) => awsafe(["agent", "stop"], environment(home))));
  for (const home of homes) rmSync(home, { recursive: true, force: true });
  await emulator.stop();
}, 60_000);

function seedHome(): string {
  const home = makeHome({ config: seedConfig, credentials: seedCredentials });
  homes.push(home);
  return home;
}

function environment(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    AWS_ENDPOINT_URL: emulator.url,
    AWSAFE_BACKEND: "file",
    AWSAFE_FILE_PASSPHRASE: "test-passphrase-FAKE",
    AWSAFE_TEST_FILE_WORK_FACTOR: "10",
    AWSAFE_AGENT_IDLE_SECONDS: "120",
    ...extra,
  };
}

function run(
  program: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(program, [...args], { env }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ status, stdout, stderr });
    });
  });
}

function awsafe(args: readonly string[], env: Record<string, string>) {
  const command = awsafeArgv(args);
  return run(command.program, command.args, env);
}

function awsCallerArn(profile: string, env: Record<string, string>) {
  return run("aws", ["sts", "get-caller-identity", "--profile", profile, "--output", "json"], env);
}

/** The `Arn` of what `aws sts get-caller-identity --output json` printed. */
function arnOf(text: string): string {
  const value: unknown = JSON.parse(text);
  return typeof value === "object" &&
    value !== null &&
    "Arn" in value &&
    typeof value.Arn === "string"
    ? value.Arn
    : "";
}

const read = (home: string, file: string) => readFileSync(path.join(home, ".aws", file), "utf8");

function totpNow(): string {
  const totpSecret = seedUser(emulator, "assume-only").totpSecret ?? "";
  const totp = new TOTP({ secret: Secret.fromBase32(totpSecret), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() });
}

describe("awsafe setup on a terminal, from the seed user's files", () => {
  it("asks, imports, writes the routed role profile, proves it through the AWS CLI, says how to undo", async () => {
    const home = seedHome();
    const env = environment(home);
    const terminal = await awsafeOnTmux(["setup"], env, { width: 110, height: 50 });
    try {
      await terminal.waitForScreen('Profile "assume-only" has plain-text keys (****MPLE)');
      await terminal.keys("Enter");
      await terminal.waitForScreen("Which MFA device protects the role?");
      expect(await terminal.screen()).toContain("arn:aws:iam::123456789012:mfa/assume-only");
      expect(await terminal.screen()).toContain("listed by IAM");
      console.log(`--- the MFA device question ---\n${(await terminal.screen()).trimEnd()}`);
      await terminal.keys("Enter");
      await terminal.waitForScreen("The ARN of the role you work in");
      await terminal.type("arn:aws:iam::210987654321:AdminRole");
      await terminal.keys("Enter");
      await terminal.waitForScreen("is not an IAM role ARN");
      console.log(
        `--- the role ARN question, refusing an answer ---\n${(await terminal.screen()).trimEnd()}`,
      );
      await terminal.keys(...Array<string>(40).fill("BSpace"));
      await terminal.type(adminRole);
      await terminal.keys("Enter");
      await terminal.waitForScreen("A name for the role profile");
      await terminal.keys("Enter");
      // The AWS CLI runs the profile's credential_process: awsafe asks for the code on the pane.
      await terminal.waitForScreen("Enter MFA code for arn:aws:iam::123456789012:mfa/assume-only");
      await terminal.type(totpNow());
      await terminal.keys("Enter");
      const code = await terminal.exitCode(90_000);
      const screen = await terminal.screen();
      console.log(`--- awsafe setup, as the terminal showed it ---\n${screen}`);
      expect(code, screen).toBe(0);
      expect(screen).toContain(
        "Proven: aws sts get-caller-identity --profile admin-role --output json",
      );
      expect(screen).toMatch(/→ arn:aws:sts::210987654321:assumed-role\/AdminRole\//);
      expect(screen).toContain("What changed:");
      expect(screen).toMatch(/awsafe backup restore setup\/config\/[0-9a-f]{16}/);
      expect(screen).toMatch(/awsafe backup restore setup\/credentials\/[0-9a-f]{16}/);
      expect(screen).toContain("awsafe remove assume-only");
      expect(screen).not.toContain(secret);
    } finally {
      await terminal.close();
    }
    expect(read(home, "credentials")).not.toContain(keyId);
    expect(read(home, "credentials")).not.toContain(secret);
    const config = read(home, "config");
    expect(config).toMatch(
      /\[profile admin-role\]\n(?:.*\n)*?credential_process = .*credential-process admin-role\n/,
    );
    expect(config).toContain(`awsafe_role_arn = ${adminRole}`);
    // What a person types next works without a question: the agent holds the session.
    const again = await awsCallerArn("admin-role", env);
    expect(again.stderr).toBe("");
    expect(arnOf(again.stdout)).toMatch(/^arn:aws:sts::210987654321:assumed-role\/AdminRole\//);
  });
});

describe("awsafe setup interrupted", () => {
  it("Ctrl-C at the first question exits 130 and changes nothing", async () => {
    const home = seedHome();
    const terminal = await awsafeOnTmux(["setup"], environment(home));
    try {
      await terminal.waitForScreen('Profile "assume-only" has plain-text keys');
      await terminal.keys("C-c");
      expect(await terminal.exitCode(90_000)).toBe(130);
    } finally {
      await terminal.close();
    }
    expect(read(home, "credentials")).toBe(seedCredentials);
    expect(read(home, "config")).toBe(seedConfig);
    const stored = await awsafe(["list"], environment(home, { AWSAFE_PROMPT: "none" }));
    expect(stored.stdout).not.toContain("secret store");
  });
});

describe("awsafe setup --yes, without a terminal", () => {
  it("takes the flags and IAM's MFA device, proves the profile, and its undo lines restore the files", async () => {
    const home = seedHome();
    const env = environment(home, {
      AWSAFE_PROMPT: "none",
      EMULATOR_URL: emulator.url,
      TOTP_SECRET: seedUser(emulator, "assume-only").totpSecret ?? "",
      MFA_LOG: path.join(mkdtempSync(path.join(tmpdir(), "awsafe-mfa-")), "mfa.log"),
    });
    const setup = await awsafe(
      [
        "setup",
        "--yes",
        "--role-arn",
        adminRole,
        "--profile-name",
        "admin",
        "--mfa-process",
        `'${process.execPath}' '${mfaScript}'`,
      ],
      env,
    );
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toContain(
      'profile  "admin": role arn:aws:iam::210987654321:role/AdminRole from "assume-only", routed through awsafe\n           MFA device arn:aws:iam::123456789012:mfa/assume-only (IAM ListMFADevices)',
    );
    expect(setup.stdout).toMatch(/→ arn:aws:sts::210987654321:assumed-role\/AdminRole\//);
    expect(`${setup.stdout}${setup.stderr}`).not.toContain(secret);
    expect(read(home, "credentials")).not.toContain(secret);
    const viaCli = await awsCallerArn("admin", env);
    expect(arnOf(viaCli.stdout)).toMatch(/^arn:aws:sts::210987654321:assumed-role\/AdminRole\//);
    // The undo lines, run as printed, give back the seed's files byte for byte.
    const undo = [...setup.stdout.matchAll(/^ {2}awsafe (.+)$/gm)].map((m) => m[1] ?? "");
    expect(undo).toEqual([
      expect.stringMatching(/^backup restore setup\/config\/[0-9a-f]{16}$/),
      expect.stringMatching(/^backup restore setup\/credentials\/[0-9a-f]{16}$/),
      "remove assume-only",
      expect.stringMatching(
        /^backup purge import\/config\/\S+ import\/credentials\/\S+ setup\/config\/\S+ setup\/credentials\/\S+$/,
      ),
    ]);
    for (const line of undo) {
      const words = line.split(" ");
      // No terminal here: the two deleting steps take --force instead of asking.
      const ask = words[0] === "remove" || words[1] === "purge";
      const done = await awsafe(ask ? [...words, "--force"] : words, env);
      expect(done.status, `${line}: ${done.stderr}`).toBe(0);
    }
    expect(read(home, "credentials")).toBe(seedCredentials);
    expect(read(home, "config")).toBe(seedConfig);
  });
});

describe("awsafe setup where the AWS CLI is not installed", () => {
  it("proves the profile through its credential_process line and GetCallerIdentity", async () => {
    const home = seedHome();
    const env = environment(home, {
      // No `aws` on this PATH; awsafe, node and the mfa_process are named by absolute paths.
      PATH: mkdtempSync(path.join(tmpdir(), "awsafe-empty-path-")),
      AWSAFE_PROMPT: "none",
      EMULATOR_URL: emulator.url,
      TOTP_SECRET: seedUser(emulator, "assume-only").totpSecret ?? "",
    });
    const setup = await awsafe(
      [
        "setup",
        "--yes",
        "--profile-name",
        "admin",
        "--role-arn",
        adminRole,
        "--mfa-process",
        `'${process.execPath}' '${mfaScript}'`,
      ],
      env,
    );
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toContain(
      'Proven: credential_process of profile "admin", then sts get-caller-identity',
    );
    expect(setup.stdout).toMatch(/→ arn:aws:sts::210987654321:assumed-role\/AdminRole\//);
  });
});

describe("awsafe setup refuses bad input with one line, a hint and a sysexits code", () => {
  const cases: { name: string; args: string[]; files: "seed" | "none"; message: RegExp }[] = [
    {
      name: "a role ARN that is not one",
      args: ["setup", "--yes", "--role-arn", "AdminRole"],
      files: "seed",
      message: /^awsafe: --role-arn "AdminRole" is not an IAM role ARN/m,
    },
    {
      name: "no plain-text keys and none stored",
      args: ["setup", "--yes"],
      files: "none",
      message:
        /^awsafe: No plain-text keys found in .*credentials or .*config, and none in awsafe's store/m,
    },
    {
      name: "no terminal and no --yes",
      args: ["setup"],
      files: "seed",
      message: /^awsafe: awsafe setup asks questions and there is no terminal to ask on/m,
    },
  ];
  for (const { name, args, files, message } of cases) {
    it(name, async () => {
      const home =
        files === "seed" ? seedHome() : makeHome({ config: "[default]\nregion = eu-west-1\n" });
      if (files === "none") homes.push(home);
      const before = {
        config: read(home, "config"),
        credentials: files === "seed" ? read(home, "credentials") : "",
      };
      const result = await awsafe(args, environment(home, { AWSAFE_PROMPT: "none" }));
      expect(result.status).toBe(64);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/^hint: /m);
      expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(2);
      expect(read(home, "config")).toBe(before.config);
      if (files === "seed") expect(read(home, "credentials")).toBe(before.credentials);
    });
  }
});
