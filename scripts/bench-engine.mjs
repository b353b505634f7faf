// Credential-engine benchmark against the emulator (started here as a child process):
//   hot-path-node: cached `awsafe credential-process` served by the agent, median ms
//   hot-path-vs-node-floor: that against `node -e 0`, measured alternately
//   hot-path-no-agent-keychain / hot-path-no-agent-file-store: the same with `--no-agent` (the
//     session read from the store: the keychain, or the encrypted file at one scrypt unlock)
//   parallel-20-mfa-prompts / parallel-20-sts-calls: 20 parallel calls on a cold cache (agent)
// The keychain needs a Secret Service: scripts/bench.mjs runs this file under
// scripts/with-secret-service.sh; without one the keychain lines are skipped, with a note.
/* global fetch */
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

const repoRoot = path.resolve(import.meta.dirname, "..");
const cli = path.join(repoRoot, "dist/cli.cjs");
const mfaScript = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const emulator = spawn(process.execPath, ["scripts/emulator.mjs", "--port", "0"], {
  cwd: repoRoot,
  stdio: ["ignore", "pipe", "inherit"],
});
const seed = JSON.parse(
  await new Promise((resolve) => createInterface({ input: emulator.stdout }).once("line", resolve)),
);
const work = mkdtempSync(path.join(tmpdir(), "awsafe-bench-engine-"));
try {
  const keychain = process.env.DBUS_SESSION_BUS_ADDRESS !== undefined;
  const backend = keychain ? "keychain" : "file";
  if (!keychain) console.error("bench-engine: no Secret Service; keychain lines skipped");
  const agentHome = await prepareHome(backend);
  hotPath(agentHome, "hot-path-node", [], true);
  stopAgent(agentHome);
  const parallelHome = await prepareHome(backend);
  await parallel20(parallelHome);
  stopAgent(parallelHome);
  if (keychain)
    hotPath(await prepareHome("keychain"), "hot-path-no-agent-keychain", ["--no-agent"], false);
  hotPath(await prepareHome("file"), "hot-path-no-agent-file-store", ["--no-agent"], false);
} finally {
  emulator.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

/** A HOME with keys stored in `backend` and profile `admin` (AdminRole, MFA via mfa_process). */
async function prepareHome(backend) {
  const home = mkdtempSync(path.join(work, "home-"));
  mkdirSync(path.join(home, ".aws"));
  const user = seed.users.find((u) => u.userName === "assume-only");
  const q = (word) => `'${word}'`;
  writeFileSync(
    path.join(home, ".aws/config"),
    [
      "[profile base]",
      "[profile admin]",
      "role_arn = arn:aws:iam::210987654321:role/AdminRole",
      "source_profile = base",
      `mfa_serial = ${user.mfaSerial}`,
      `mfa_process = ${q(process.execPath)} ${q(mfaScript)}`,
      "region = us-east-1",
      "",
    ].join("\n"),
  );
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL: seed.url,
    AWSAFE_BACKEND: backend,
    AWSAFE_PROMPT: "none",
    AWSAFE_FILE_PASSPHRASE: "bench-passphrase-TEST",
    EMULATOR_URL: seed.url,
    TOTP_SECRET: user.totpSecret,
    MFA_LOG: path.join(home, "mfa.log"),
    // Keychain items of this run go under their own service name, never the user's `awsafe`.
    NODE_ENV: "test",
    AWSAFE_TEST_KEYCHAIN_SERVICE: `awsafe-bench-${path.basename(home)}`,
    ...(process.env.DBUS_SESSION_BUS_ADDRESS === undefined
      ? {}
      : { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS }),
  };
  const added = spawnSync(process.execPath, [cli, "add", "base", "--env"], {
    env: {
      ...env,
      AWS_ACCESS_KEY_ID: user.accessKeyId,
      AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
    },
    encoding: "utf8",
  });
  if (added.status !== 0) throw new Error(`bench: awsafe add failed: ${added.stderr}`);
  return { home, env };
}

function timeRun(command, args, env) {
  const start = performance.now();
  const result = spawnSync(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`bench: ${args.join(" ")}: ${result.stderr}`);
  return elapsed;
}

/** Cached `credential-process admin` (the first call fills the cache and is not counted). */
function hotPath({ env }, name, flags, withFloor) {
  const args = [cli, "credential-process", "admin", ...flags];
  timeRun(process.execPath, args, env);
  const rounds = withFloor ? 30 : 5;
  const hot = [];
  const floor = [];
  for (let i = 0; i < rounds; i++) {
    hot.push(timeRun(process.execPath, args, env));
    if (withFloor) floor.push(timeRun(process.execPath, ["-e", "0"], env));
  }
  console.log(`${name}: ${median(hot).toFixed(1)} ms`);
  if (withFloor)
    console.log(`hot-path-vs-node-floor: ${(median(hot) / median(floor)).toFixed(2)} x`);
}

function stopAgent({ env }) {
  spawnSync(process.execPath, [cli, "agent", "stop"], { env, stdio: "ignore" });
}

/** 20 `credential-process admin` at once on a cold cache: MFA prompts and STS calls made. */
async function parallel20({ home, env }) {
  await fetch(`${seed.url}/__emulator/stats`, { method: "DELETE" });
  const runs = Array.from(
    { length: 20 },
    () =>
      new Promise((resolve, reject) => {
        execFile(process.execPath, [cli, "credential-process", "admin"], { env }, (error) =>
          error ? reject(error) : resolve(),
        );
      }),
  );
  await Promise.all(runs);
  const stats = await (await fetch(`${seed.url}/__emulator/stats`)).json();
  const prompts = readFileSync(path.join(home, "mfa.log"), "utf8").split("\n").filter(Boolean);
  const sts = Object.entries(stats.operations)
    .filter(([operation]) => operation.startsWith("sts:"))
    .reduce((sum, [, count]) => sum + count, 0);
  console.log(`parallel-20-mfa-prompts: ${prompts.length}`);
  console.log(`parallel-20-sts-calls: ${sts}`);
}
