// Credential-engine benchmark against the emulator (started here as a child process):
//   hot-path-node: cached `awsafe credential-process` served by the agent, median ms
//   hot-path-vs-node-floor: that against `node -e 0`, measured alternately
//   hot-path-no-agent-keychain / hot-path-no-agent-file-store: the same with `--no-agent` (the
//     session read from the store: the keychain, or the encrypted file at one scrypt unlock)
//   parallel-20-mfa-prompts / parallel-20-sts-calls: 20 parallel calls on a cold cache (agent)
//   hot-path-vs-aws-cli-export: hot-path-node against `aws configure export-credentials` (the
//     Debian AWS CLI v2, /usr/bin/aws) for the same profile in the same HOME, measured alternately
//   hot-path-binary: hot-path-node for the single executable dist/awsafe (built when missing)
//   hot-path-binary-vs-aws-vault: that against aws-vault 7.2 `export --no-session --format=json`
//     of keys in its encrypted file (no AWS call), measured alternately; skipped with a note when
//     no aws-vault binary is found ($AWS_VAULT_BIN, else .peers/bin/aws-vault as
//     scripts/peers/build-aws-vault.sh leaves it, else aws-vault on PATH)
//   hot-path-rss / agent-rss: peak resident memory of one cached hot-path call, and the agent's
//     after serving the hot-path rounds (VmHWM)
//   parallel-20-cold-wall / parallel-20-cold-file-store-wall: the 20 cold parallel calls' wall
//     time with the default store, and with the encrypted file (beside one scrypt unlock)
// The keychain needs a Secret Service: scripts/bench.mjs runs this file under
// scripts/with-secret-service.sh; without one the keychain lines are skipped, with a note.
/* global fetch */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { prepareBenchHome, startEmulator } from "./bench-world.mjs";

const repoRoot = path.resolve(import.meta.dirname, "..");
const cli = path.join(repoRoot, "dist/cli.cjs");
const binary = path.join(repoRoot, "dist/awsafe");
// How each build of awsafe is run: the program and the arguments before awsafe's own.
const nodeAwsafe = [process.execPath, cli];
const binaryAwsafe = [binary];
// The AWS CLI v2 of Debian: `aws` on PATH may be another (a v1 without export-credentials).
const awsCli = "/usr/bin/aws";
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { seed, child: emulator } = await startEmulator();
const work = mkdtempSync(path.join(tmpdir(), "awsafe-bench-engine-"));
try {
  const keychain = process.env.DBUS_SESSION_BUS_ADDRESS !== undefined;
  const backend = keychain ? "keychain" : "file";
  if (!keychain) console.error("bench-engine: no Secret Service; keychain lines skipped");
  const agentHome = prepareHome(backend, nodeAwsafe);
  hotPath(agentHome, "hot-path-node", nodeAwsafe, [], true);
  memory(agentHome, nodeAwsafe);
  versusAwsCli(agentHome);
  stopAgent(agentHome, nodeAwsafe);
  const parallelHome = prepareHome(backend, nodeAwsafe);
  await parallel20(parallelHome, "parallel-20-cold-wall");
  stopAgent(parallelHome, nodeAwsafe);
  if (backend !== "file") {
    const parallelFileHome = prepareHome("file", nodeAwsafe);
    const unlock = scryptUnlockMs(parallelFileHome);
    await parallel20(parallelFileHome, "parallel-20-cold-file-store-wall", unlock);
    stopAgent(parallelFileHome, nodeAwsafe);
  }
  if (keychain) {
    const home = prepareHome("keychain", nodeAwsafe);
    hotPath(home, "hot-path-no-agent-keychain", nodeAwsafe, ["--no-agent"], false);
  }
  const fileHome = prepareHome("file", nodeAwsafe);
  hotPath(fileHome, "hot-path-no-agent-file-store", nodeAwsafe, ["--no-agent"], false);
  if (binaryBuilt()) {
    const binaryHome = prepareHome(backend, binaryAwsafe);
    hotPath(binaryHome, "hot-path-binary", binaryAwsafe, [], false);
    versusAwsVault(binaryHome);
    stopAgent(binaryHome, binaryAwsafe);
  }
} finally {
  emulator.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

/** A fresh HOME under `work` (see prepareBenchHome), with `admin-aws` for the AWS CLI. */
function prepareHome(backend, awsafe) {
  const home = mkdtempSync(path.join(work, "home-"));
  const env = prepareBenchHome({ home, seed, backend, awsafe, awsCliProfile: true });
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
function hotPath({ env }, name, awsafe, flags, withFloor) {
  const [program, ...leading] = awsafe;
  const args = [...leading, "credential-process", "admin", ...flags];
  timeRun(program, args, env);
  // The agent's hot paths are fast enough for more rounds; --no-agent ones unlock the store.
  const rounds = flags.includes("--no-agent") ? 5 : 30;
  const hot = [];
  const floor = [];
  for (let i = 0; i < rounds; i++) {
    hot.push(timeRun(program, args, env));
    if (withFloor) floor.push(timeRun(process.execPath, ["-e", "0"], env));
  }
  console.log(`${name}: ${median(hot).toFixed(1)} ms`);
  if (withFloor)
    console.log(`hot-path-vs-node-floor: ${(median(hot) / median(floor)).toFixed(2)} x`);
}

/**
 * The cached hot path on Node against `aws configure export-credentials --format process` for
 * profile `admin-aws`, which the AWS CLI resolves by running that same hot path as its
 * credential_process: both print the same credentials. Measured alternately; < 1 means awsafe
 * answers sooner.
 */
function versusAwsCli({ env }) {
  if (!existsSync(awsCli)) {
    console.error(
      `bench-engine: ${awsCli} (AWS CLI v2) is missing; hot-path-vs-aws-cli-export skipped`,
    );
    return;
  }
  const awsafeArgs = [cli, "credential-process", "admin"];
  const awsArgs = [
    "configure",
    "export-credentials",
    "--profile",
    "admin-aws",
    "--format",
    "process",
  ];
  const awsafeKey = printedKeyId(process.execPath, awsafeArgs, env);
  if (printedKeyId(awsCli, awsArgs, env) !== awsafeKey)
    throw new Error("bench: awsafe and the AWS CLI printed different credentials");
  const awsafe = [];
  const aws = [];
  for (let i = 0; i < 10; i++) {
    awsafe.push(timeRun(process.execPath, awsafeArgs, env));
    aws.push(timeRun(awsCli, awsArgs, env));
  }
  console.log(`hot-path-vs-aws-cli-export: ${(median(awsafe) / median(aws)).toFixed(3)} x`);
  console.error(
    `# awsafe credential-process ${median(awsafe).toFixed(1)} ms, aws configure export-credentials ${median(aws).toFixed(1)} ms (medians of 10)`,
  );
}

/** The AccessKeyId of the `credential_process` JSON a command prints. */
function printedKeyId(command, args, env) {
  const result = spawnSync(command, args, { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bench: ${args.join(" ")}: ${result.stderr}`);
  return JSON.parse(result.stdout).AccessKeyId;
}

/** Whether dist/awsafe is there, building it (npm run build:bin) when it is not. */
function binaryBuilt() {
  if (existsSync(binary)) return true;
  const built = spawnSync(process.execPath, [path.join(repoRoot, "scripts/build-bin.mjs")], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (built.status === 0 && existsSync(binary)) return true;
  console.error("bench-engine: dist/awsafe could not be built; hot-path-binary skipped");
  return false;
}

function stopAgent({ env }, awsafe) {
  const [program, ...leading] = awsafe;
  spawnSync(program, [...leading, "agent", "stop"], { env, stdio: "ignore" });
}

/** 20 `credential-process admin` at once on a cold cache: MFA prompts and STS calls made. */
async function parallel20({ home, env }, wallName, unlockMs) {
  await fetch(`${seed.url}/__emulator/stats`, { method: "DELETE" });
  const started = performance.now();
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
  const wall = (performance.now() - started) / 1000;
  const stats = await (await fetch(`${seed.url}/__emulator/stats`)).json();
  const prompts = readFileSync(path.join(home, "mfa.log"), "utf8").split("\n").filter(Boolean);
  const sts = Object.entries(stats.operations)
    .filter(([operation]) => operation.startsWith("sts:"))
    .reduce((sum, [, count]) => sum + count, 0);
  if (unlockMs === undefined) {
    console.log(`parallel-20-mfa-prompts: ${prompts.length}`);
    console.log(`parallel-20-sts-calls: ${sts}`);
    console.log(`${wallName}: ${wall.toFixed(2)} s`);
  } else {
    console.log(`${wallName}: ${wall.toFixed(2)} s`);
    console.error(
      `# one scrypt unlock of the encrypted file: ${(unlockMs / 1000).toFixed(2)} s (${prompts.length} MFA prompts, ${sts} STS calls)`,
    );
  }
}

/** What one unlock of the encrypted file costs: `agent stop`, then a `--no-agent` call. */
function scryptUnlockMs({ env }) {
  const args = [cli, "credential-process", "admin", "--no-agent"];
  timeRun(process.execPath, args, env);
  const runs = [0, 1, 2].map(() => timeRun(process.execPath, args, env));
  // The first call made the session; drop it so the parallel run starts cold.
  spawnSync(process.execPath, [cli, "clear", "--all"], { env, stdio: "ignore" });
  rmSync(path.join(env.HOME, "mfa.log"), { force: true });
  return median(runs);
}

/**
 * Peak resident memory (VmHWM) of one cached hot-path call, read by python3's getrusage of its
 * child (Node has no rusage of a finished child), and the agent's, from /proc, after it served
 * the hot-path rounds. Linux only; skipped with a note elsewhere.
 */
function memory({ env }, awsafe) {
  const [program, ...leading] = awsafe;
  const probe = spawnSync(
    "python3",
    [
      "-c",
      "import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
      program,
      ...leading,
      "credential-process",
      "admin",
    ],
    { env, encoding: "utf8" },
  );
  const status = spawnSync(program, [...leading, "agent", "status", "--json"], {
    env,
    encoding: "utf8",
  });
  let agentKiB;
  try {
    const { pid } = JSON.parse(status.stdout);
    agentKiB = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  } catch {
    agentKiB = undefined;
  }
  if (probe.status !== 0 || agentKiB === undefined) {
    console.error("bench-engine: no python3 or no /proc; hot-path-rss and agent-rss skipped");
    return;
  }
  console.log(`hot-path-rss: ${(Number(probe.stdout.trim()) / 1024).toFixed(1)} MiB`);
  console.log(`agent-rss: ${(Number(agentKiB) / 1024).toFixed(1)} MiB`);
}

/** The aws-vault binary to compare with, or `undefined`. */
function awsVaultBinary() {
  const candidates = [
    process.env.AWS_VAULT_BIN,
    path.join(repoRoot, ".peers/bin/aws-vault"),
    ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "aws-vault")),
  ];
  return candidates.find((file) => file !== undefined && file !== "" && existsSync(file));
}

/**
 * The single executable's cached hot path against aws-vault 7.2 printing keys it holds in its
 * own encrypted file (`export --no-session --format=json`: no AWS call, as aws-vault 7.2 cannot
 * be pointed at the emulator), measured alternately; < 1 means awsafe answers sooner.
 */
function versusAwsVault({ env }) {
  const awsVault = awsVaultBinary();
  if (awsVault === undefined) {
    console.error(
      "bench-engine: no aws-vault binary (build one with scripts/peers/build-aws-vault.sh, or set AWS_VAULT_BIN); hot-path-binary-vs-aws-vault skipped",
    );
    return;
  }
  const home = mkdtempSync(path.join(work, "aws-vault-"));
  const vaultEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_VAULT_BACKEND: "file",
    AWS_VAULT_FILE_PASSPHRASE: "bench-passphrase-TEST",
  };
  mkdirSync(path.join(home, ".aws"));
  writeFileSync(path.join(home, ".aws/config"), "[profile bench]\nregion = us-east-1\n");
  const added = spawnSync(awsVault, ["add", "--env", "bench"], {
    env: {
      ...vaultEnv,
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    encoding: "utf8",
  });
  if (added.status !== 0) {
    console.error(`bench-engine: aws-vault add failed (${added.stderr.trim()}); skipped`);
    return;
  }
  const vaultArgs = ["export", "--no-session", "--format=json", "bench"];
  const ours = [];
  const theirs = [];
  for (let i = 0; i < 3; i++) {
    timeRun(binary, ["credential-process", "admin"], env);
    timeRun(awsVault, vaultArgs, vaultEnv);
  }
  for (let i = 0; i < 30; i++) {
    ours.push(timeRun(binary, ["credential-process", "admin"], env));
    theirs.push(timeRun(awsVault, vaultArgs, vaultEnv));
  }
  console.log(`hot-path-binary-vs-aws-vault: ${(median(ours) / median(theirs)).toFixed(2)} x`);
  console.error(
    `# dist/awsafe credential-process ${median(ours).toFixed(1)} ms, aws-vault export ${median(theirs).toFixed(1)} ms (medians of 30)`,
  );
}
