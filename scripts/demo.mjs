// `npm run demo`: the whole practice against the local emulator, in a throwaway HOME.
//   1. store the `assume-only` user's keys in awsafe's encrypted store (nothing in ~/.aws)
//   2. configure `admin`: AdminRole, behind the user's MFA device, with an `mfa_process` that
//      answers from the device's TOTP secret (as a password manager's `--otp` would), routed
//      through awsafe's `credential_process` so plain AWS tools use it too
//   3. `awsafe exec admin -- aws sts get-caller-identity`: one MFA code, one GetSessionToken,
//      one AssumeRole, answered by the agent
//   4. `aws --profile admin sts get-caller-identity`: the AWS CLI runs awsafe itself
// The AWS CLI is used when installed, the AWS SDK for JavaScript otherwise. Everything the demo
// starts (emulator, agent) is stopped, and the HOME removed, however it ends.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
/* global fetch */
import path from "node:path";
import { createInterface } from "node:readline";

const repoRoot = path.resolve(import.meta.dirname, "..");
const cli = path.join(repoRoot, "dist/cli.cjs");
const totpScript = path.join(repoRoot, "scripts/demo-totp.mjs");
const adminRole = "arn:aws:iam::210987654321:role/AdminRole";

const emulator = spawn(process.execPath, ["scripts/emulator.mjs", "--port", "0"], {
  cwd: repoRoot,
  stdio: ["ignore", "pipe", "inherit"],
});
const home = mkdtempSync(path.join(tmpdir(), "awsafe-demo-"));
let env;
let failed = false;
try {
  const seed = JSON.parse(
    await new Promise((resolve, reject) => {
      createInterface({ input: emulator.stdout }).once("line", resolve);
      emulator.once("exit", () => reject(new Error("the emulator did not start")));
    }),
  );
  const user = seed.users.find((candidate) => candidate.userName === "assume-only");
  env = demoEnvironment(seed, user);
  const awsCli = findAwsCli();
  console.log(`awsafe demo: emulator at ${seed.url}, HOME=${home}`);
  console.log(`AWS client: ${awsCli === undefined ? "the AWS SDK for JavaScript" : awsCli}\n`);

  step("Store the IAM user's long-term keys (here from the environment; normally typed, hidden)");
  awsafe(["add", "assume-only", "--env"], {
    AWS_ACCESS_KEY_ID: user.accessKeyId,
    AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
  });

  step("Configure `admin`: AdminRole behind MFA, reachable by every AWS tool through awsafe");
  awsafe([
    "configure",
    "admin",
    "--role-arn",
    adminRole,
    "--source-profile",
    "assume-only",
    "--mfa-serial",
    user.mfaSerial,
    "--mfa-process",
    `${shellWord(process.execPath)} ${shellWord(totpScript)}`,
    "--region",
    "us-east-1",
    "--credential-process",
  ]);
  show("cat ~/.aws/config", readFileSync(path.join(home, ".aws/config"), "utf8"));
  awsafe(["explain", "admin"]);

  step("Run the AWS CLI with AdminRole credentials in its environment");
  const viaExec = callerArn(awsCli, seed.url, (command) => ["exec", "admin", "--", ...command]);

  step("The AWS CLI on its own: `aws --profile admin` runs awsafe as its credential_process");
  const viaProcess = callerArn(awsCli, seed.url, undefined);

  awsafe(["agent", "stop"]);
  for (const arn of [viaExec, viaProcess]) {
    if (!arn.startsWith("arn:aws:sts::210987654321:assumed-role/AdminRole/")) {
      throw new Error(`expected the AdminRole ARN, got ${arn}`);
    }
  }
  const stats = await (await fetch(`${seed.url}/__emulator/stats`)).json();
  const calls = (name) => stats.operations[`sts:${name}`] ?? 0;
  const leaked = filesUnder(home).filter((file) =>
    readFileSync(file, "latin1").includes(user.secretAccessKey),
  );
  console.log(`\nAdminRole ARN: ${viaProcess}`);
  console.log(
    `STS calls: ${calls("GetSessionToken")} GetSessionToken (with one MFA code), ${calls("AssumeRole")} AssumeRole; the session lived in the agent's memory`,
  );
  console.log(`Files under HOME holding the secret key in plain text: ${leaked.length}`);
  if (calls("GetSessionToken") !== 1 || calls("AssumeRole") !== 1 || leaked.length > 0) {
    throw new Error("expected one GetSessionToken, one AssumeRole and no plain-text secret");
  }
} catch (error) {
  failed = true;
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (env !== undefined) spawnSync(process.execPath, [cli, "agent", "stop"], { env });
  emulator.kill("SIGTERM");
  rmSync(home, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

/**
 * The environment every command of the demo runs in: built from nothing but PATH, so the
 * user's own AWS settings, store and agent can neither leak in nor be touched.
 */
function demoEnvironment(seed, user) {
  const runtime = path.join(home, "run");
  mkdirSync(runtime, { mode: 0o700 });
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    AWS_ENDPOINT_URL: seed.url,
    AWSAFE_BACKEND: "file",
    // The demo's store only; a real one asks for its passphrase on the terminal.
    AWSAFE_FILE_PASSPHRASE: "demo-passphrase",
    AWSAFE_PROMPT: "none",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    // What the demo's mfa_process reads: the seeded device's secret, as a password manager holds it.
    DEMO_TOTP_SECRET: user.totpSecret,
  };
}

/** Every file under `dir`. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function step(title) {
  console.log(`\n## ${title}`);
}

function show(command, output) {
  console.log(`$ ${command}`);
  process.stdout.write(output);
}

/** Runs awsafe, printing the command and its output; throws when it fails. */
function awsafe(args, extraEnv = {}) {
  return run("awsafe", [process.execPath, cli, ...args], extraEnv);
}

function run(shown, [program, ...args], extraEnv = {}) {
  console.log(`$ ${[shown, ...args.slice(shown === "awsafe" ? 1 : 0)].map(shellWord).join(" ")}`);
  const result = spawnSync(program, args, {
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
  if (result.status !== 0) throw new Error(`${shown} ${args.join(" ")} exited ${result.status}`);
  return result.stdout;
}

/**
 * `sts get-caller-identity` as the AdminRole, through `awsafe exec` (`wrap` gives awsafe's
 * arguments around the client command) or through the profile's credential_process.
 */
function callerArn(awsCli, url, wrap) {
  const profile = wrap === undefined ? ["--profile", "admin"] : [];
  const client =
    awsCli === undefined
      ? [process.execPath, path.join(repoRoot, "scripts/demo-sdk-caller.mjs"), ...profile, url]
      : [
          awsCli,
          ...profile,
          "sts",
          "get-caller-identity",
          "--endpoint-url",
          url,
          "--output",
          "json",
        ];
  const output = wrap === undefined ? run(client[0], client) : awsafe(wrap(client));
  return JSON.parse(output).Arn;
}

/** The AWS CLI to drive: Debian's v2 when present, else whatever `aws` is on PATH, else none. */
function findAwsCli() {
  for (const candidate of ["/usr/bin/aws", "aws"]) {
    if (spawnSync(candidate, ["--version"]).status === 0) return candidate;
  }
  return undefined;
}

function quote(word) {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `word` as a shell reads it back: as it is when it has nothing a shell would act on, else quoted. */
function shellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : quote(word);
}
