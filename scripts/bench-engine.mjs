// Credential-engine benchmark against the emulator (started here as a child process):
//   hot-path-node: cached `awsafe credential-process` served by the agent, median ms
//   hot-path-vs-node-floor: that against `node -e 0`, measured alternately
//   hot-path-minimal-node-client-vs-node-floor: scripts/bench-minimal-client.cjs, the least a
//     node:net client of the agent can do (connect, send awsafe's request line, print the answer),
//     against `node -e 0`, measured alternately: what a client that loads node:net costs over the
//     floor (awsafe's goes through Node's pipe handle instead)
//   hot-path-minimal-pipe-client-vs-node-floor: the same client through Node's pipe handle, as
//     awsafe's goes: the floor of any Node client of the agent, beside hot-path-vs-node-floor
//   hot-path-no-agent-keychain / hot-path-no-agent-file-store: the same with `--no-agent` (the
//     session read from the store: the keychain, or the encrypted file at one scrypt unlock)
//   parallel-20-mfa-prompts / parallel-20-sts-calls: 20 parallel calls on a cold cache (agent)
//   hot-path-vs-aws-cli-export: hot-path-node against `aws configure export-credentials` (the
//     Debian AWS CLI v2, /usr/bin/aws) for the same profile in the same HOME, measured alternately
//   hot-path-node-vs-aws-vault: hot-path-node against aws-vault 7.2 (as hot-path-binary-vs-aws-vault
//     below), measured alternately
//   hot-path-binary: hot-path-node for the single executable dist/awsafe (built when missing)
//   hot-path-binary-vs-aws-vault: that against aws-vault 7.2 `export --no-session --format=json`
//     of keys in its encrypted file (no AWS call), measured alternately; skipped with a note when
//     no aws-vault binary is found ($AWS_VAULT_BIN, else .peers/bin/aws-vault as
//     scripts/peers/build-aws-vault.sh leaves it, else aws-vault on PATH)
//   hot-path-binary-vs-bun-hello: hot-path-binary against a hello-world compiled once per run by
//     the repository's Bun with the flags of scripts/build-bin.mjs that weigh on start-up
//     (--compile --bytecode --minify, ESM, no .env or bunfig.toml autoload), measured alternately:
//     what awsafe costs over the floor of any Bun executable; skipped with a note without Bun
//   hot-path-rss / agent-rss: peak resident memory of one cached hot-path call, and the agent's
//     after serving the hot-path rounds (VmHWM)
//   parallel-20-cold-wall / parallel-20-cold-file-store-wall: the 20 cold parallel calls' wall
//     time with the default store, and with the encrypted file (beside one scrypt unlock)
//   parallel-20-aws-vault-wall: beside them, 20 aws-vault 7.2 `export --no-session` calls at
//     once, each unlocking its encrypted file (no MFA, no AWS call); skipped without aws-vault
// Every "vs" line is the ratio of the two medians of one alternated series (< 1: awsafe answers
// sooner); the medians in ms go to stderr. At the end the five comparisons of awsafe with its
// peers and floors are printed again as one markdown table ("| A | B | A ms | B ms | A/B |"),
// from the same medians: node, binary against aws-vault; binary against the Bun hello-world;
// node against `node -e 0` and against the AWS CLI.
// The keychain needs a Secret Service: scripts/bench.mjs runs this file under
// scripts/with-secret-service.sh; without one the keychain lines are skipped, with a note.
/* global fetch */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { mfaScript, prepareBenchHome, startEmulator } from "./bench-world.mjs";

const repoRoot = path.resolve(import.meta.dirname, "..");
const cli = path.join(repoRoot, "dist/cli.cjs");
const binary = path.join(repoRoot, "dist/awsafe");
// How each build of awsafe is run: the program and the arguments before awsafe's own.
const nodeAwsafe = [process.execPath, cli];
const binaryAwsafe = [binary];
// The AWS CLI v2 of Debian: `aws` on PATH may be another (a v1 without export-credentials).
const awsCli = "/usr/bin/aws";
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The five lines of the closing table, in its order, with the two things each compares.
const tableLines = [
  ["hot-path-node-vs-aws-vault", "awsafe credential-process (Node, dist/cli.cjs)"],
  ["hot-path-binary-vs-aws-vault", "awsafe single executable (Bun, dist/awsafe)"],
  ["hot-path-binary-vs-bun-hello", "awsafe single executable (Bun, dist/awsafe)"],
  ["hot-path-vs-node-floor", "awsafe credential-process (Node, dist/cli.cjs)"],
  ["hot-path-vs-aws-cli-export", "awsafe credential-process (Node, dist/cli.cjs)"],
];
// Line name → the medians of its alternated series, as the table prints them.
const measured = new Map();

const { seed, child: emulator } = await startEmulator();
const work = mkdtempSync(path.join(tmpdir(), "awsafe-bench-engine-"));
try {
  const keychain = process.env.DBUS_SESSION_BUS_ADDRESS !== undefined;
  const backend = keychain ? "keychain" : "file";
  if (!keychain) console.error("bench-engine: no Secret Service; keychain lines skipped");
  const awsVault = awsVaultCommand();
  const agentHome = prepareHome(backend, nodeAwsafe);
  hotPath(agentHome, "hot-path-node", nodeAwsafe, [], true);
  minimalClientVsNodeFloor(agentHome);
  memory(agentHome, nodeAwsafe);
  versusAwsCli(agentHome);
  if (awsVault !== undefined) {
    const ours = { program: process.execPath, args: [cli, "credential-process", "admin"] };
    versus("hot-path-node-vs-aws-vault", { ...ours, env: agentHome.env }, awsVault);
  }
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
  if (awsVault !== undefined) await awsVaultParallel20(awsVault);
  if (keychain) {
    const home = prepareHome("keychain", nodeAwsafe);
    hotPath(home, "hot-path-no-agent-keychain", nodeAwsafe, ["--no-agent"], false);
  }
  const fileHome = prepareHome("file", nodeAwsafe);
  hotPath(fileHome, "hot-path-no-agent-file-store", nodeAwsafe, ["--no-agent"], false);
  if (binaryBuilt()) {
    const binaryHome = prepareHome(backend, binaryAwsafe);
    hotPath(binaryHome, "hot-path-binary", binaryAwsafe, [], false);
    const ours = { program: binary, args: ["credential-process", "admin"], env: binaryHome.env };
    if (awsVault !== undefined) versus("hot-path-binary-vs-aws-vault", ours, awsVault);
    const hello = bunHelloCommand();
    if (hello !== undefined) {
      versus("hot-path-binary-vs-bun-hello", ours, { ...hello, env: binaryHome.env });
    }
    stopAgent(binaryHome, binaryAwsafe);
  }
  printTable();
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
  // A ratio of two ~50 ms medians moves by a few hundredths between runs of 30 pairs on a
  // shared machine: 100 pairs hold it steadier. (Most of them meet an agent past its first few
  // dozen requests, whose code V8 has compiled by then, as an agent serving a day's calls is.)
  const rounds = flags.includes("--no-agent") ? 5 : 100;
  const hot = [];
  const floor = [];
  for (let i = 0; i < rounds; i++) {
    hot.push(timeRun(program, args, env));
    if (withFloor) floor.push(timeRun(process.execPath, ["-e", "0"], env));
  }
  console.log(`${name}: ${median(hot).toFixed(1)} ms`);
  if (withFloor) {
    console.log(`hot-path-vs-node-floor: ${(median(hot) / median(floor)).toFixed(2)} x`);
    measured.set("hot-path-vs-node-floor", {
      b: "`node -e 0`",
      aMs: median(hot),
      bMs: median(floor),
    });
  }
}

/**
 * Runs `ours` and `theirs` (each `{ program, args, env }`; `theirs` with a `label` for the table)
 * alternately, `rounds` measured pairs after `warmup` that are not, and prints `<name>`: the
 * ratio of their medians (< 1: ours is sooner) to `digits` decimals, the medians on stderr.
 */
function versus(name, ours, theirs, { rounds = 30, warmup = 3, digits = 2 } = {}) {
  for (let i = 0; i < warmup; i++) {
    timeRun(ours.program, ours.args, ours.env);
    timeRun(theirs.program, theirs.args, theirs.env);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    a.push(timeRun(ours.program, ours.args, ours.env));
    b.push(timeRun(theirs.program, theirs.args, theirs.env));
  }
  const [aMs, bMs] = [median(a), median(b)];
  console.log(`${name}: ${(aMs / bMs).toFixed(digits)} x`);
  console.error(
    `# ${name}: ${aMs.toFixed(1)} ms against ${bMs.toFixed(1)} ms (medians of ${rounds} pairs)`,
  );
  measured.set(name, { b: theirs.label, aMs, bMs, digits });
}

/** The five comparisons measured above as one markdown table; a skipped one is left out. */
function printTable() {
  console.log("");
  console.log("| A | B | A ms | B ms | A/B |");
  console.log("| --- | --- | ---: | ---: | ---: |");
  for (const [name, a] of tableLines) {
    const row = measured.get(name);
    if (row === undefined) continue;
    const { b, aMs, bMs, digits = 2 } = row;
    console.log(
      `| ${a} | ${b} | ${aMs.toFixed(1)} | ${bMs.toFixed(1)} | ${(aMs / bMs).toFixed(digits)} |`,
    );
  }
}

/**
 * scripts/bench-minimal-client.cjs against `node -e 0`, alternately, in the HOME whose agent
 * serves hot-path-node, through node:net and through the pipe handle: the floors of a Node client
 * of the agent, beside hot-path-vs-node-floor.
 * It must print the credentials awsafe prints.
 */
function minimalClientVsNodeFloor({ env }) {
  const client = path.join(repoRoot, "scripts/bench-minimal-client.cjs");
  const awsafeKey = printedKeyId(process.execPath, [cli, "credential-process", "admin"], env);
  for (const [name, transport] of [
    ["hot-path-minimal-node-client-vs-node-floor", []],
    ["hot-path-minimal-pipe-client-vs-node-floor", ["--pipe"]],
  ]) {
    const args = [client, "admin", ...transport];
    if (printedKeyId(process.execPath, args, env) !== awsafeKey) {
      throw new Error("bench: the minimal client and awsafe printed different credentials");
    }
    versus(
      name,
      { program: process.execPath, args, env },
      { label: "`node -e 0`", program: process.execPath, args: ["-e", "0"], env },
    );
  }
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
  // The AWS CLI takes ten times as long a run: fewer pairs (the first call warmed it), and a
  // third decimal for a ratio far below 1.
  versus(
    "hot-path-vs-aws-cli-export",
    { program: process.execPath, args: awsafeArgs, env },
    { label: "AWS CLI v2 `configure export-credentials`", program: awsCli, args: awsArgs, env },
    { rounds: 15, warmup: 0, digits: 3 },
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
  const wall = await wallOf20(process.execPath, [cli, "credential-process", "admin"], env);
  const stats = await (await fetch(`${seed.url}/__emulator/stats`)).json();
  const prompts = readFileSync(path.join(home, "mfa.log"), "utf8").split("\n").filter(Boolean);
  const sts = Object.entries(stats.operations)
    .filter(([operation]) => operation.startsWith("sts:"))
    .reduce((sum, [, count]) => sum + count, 0);
  if (unlockMs === undefined) {
    console.error(
      `# the bench's mfa_process (${path.relative(repoRoot, mfaScript)}), run alone: ${mfaProcessMs(env).toFixed(0)} ms of each cold wall below`,
    );
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

/**
 * 20 aws-vault calls at once (`export --no-session` of the keys in its encrypted file): each
 * process unlocks the file itself and none calls AWS (aws-vault 7.2 cannot be pointed at the
 * emulator) or asks for MFA, so this is less work than awsafe's cold calls, not the same.
 */
async function awsVaultParallel20({ program, args, env }) {
  const wall = await wallOf20(program, args, env);
  console.log(`parallel-20-aws-vault-wall: ${wall.toFixed(2)} s`);
  console.error(
    "# parallel-20-aws-vault-wall: 20 aws-vault 7.2 `export --no-session` at once, each unlocking its file; no MFA, no AWS call",
  );
}

/** Seconds from starting 20 runs of `program` at once to the end of the last; fails with any. */
async function wallOf20(program, args, env) {
  const started = performance.now();
  await Promise.all(
    Array.from(
      { length: 20 },
      () =>
        new Promise((resolve, reject) => {
          execFile(program, args, { env }, (error) => (error ? reject(error) : resolve()));
        }),
    ),
  );
  return (performance.now() - started) / 1000;
}

/** The median time of the MFA source the cold calls wait for (a person, in real life), alone. */
function mfaProcessMs(env) {
  const unlogged = { ...env, MFA_LOG: "" };
  return median([0, 1, 2, 3, 4].map(() => timeRun(process.execPath, [mfaScript], unlogged)));
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
 * aws-vault 7.2 printing keys it holds in its own encrypted file (`export --no-session
 * --format=json`: no AWS call, as aws-vault 7.2 cannot be pointed at the emulator), set up once
 * in a HOME of its own, as `versus` runs it; `undefined`, with a note, without aws-vault.
 */
function awsVaultCommand() {
  const awsVault = awsVaultBinary();
  if (awsVault === undefined) {
    console.error(
      "bench-engine: no aws-vault binary (build one with scripts/peers/build-aws-vault.sh, or set AWS_VAULT_BIN); hot-path-node-vs-aws-vault, hot-path-binary-vs-aws-vault and parallel-20-aws-vault-wall skipped",
    );
    return undefined;
  }
  const home = mkdtempSync(path.join(work, "aws-vault-"));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_VAULT_BACKEND: "file",
    AWS_VAULT_FILE_PASSPHRASE: "bench-passphrase-TEST",
  };
  mkdirSync(path.join(home, ".aws"));
  writeFileSync(path.join(home, ".aws/config"), "[profile bench]\nregion = us-east-1\n");
  const added = spawnSync(awsVault, ["add", "--env", "bench"], {
    env: {
      ...env,
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    encoding: "utf8",
  });
  if (added.status !== 0) {
    console.error(`bench-engine: aws-vault add failed (${added.stderr.trim()}); skipped`);
    return undefined;
  }
  return {
    label: "aws-vault 7.2 `export --format=json`",
    program: awsVault,
    args: ["export", "--no-session", "--format=json", "bench"],
    env,
  };
}

/**
 * A hello-world compiled by the repository's Bun as scripts/build-bin.mjs compiles awsafe, with
 * the flags that weigh on start-up (bytecode, minified, ESM, no .env or bunfig.toml read at
 * start; --splitting and --keep-names change nothing in one line), once per run, as `versus`
 * runs it; `undefined`, with a note, without Bun.
 */
function bunHelloCommand() {
  const bun = path.join(repoRoot, "node_modules/.bin/bun");
  if (!existsSync(bun)) {
    console.error("bench-engine: no node_modules/.bin/bun; hot-path-binary-vs-bun-hello skipped");
    return undefined;
  }
  const dir = mkdtempSync(path.join(work, "bun-hello-"));
  writeFileSync(path.join(dir, "hello.ts"), 'console.log("hello");\n');
  const outfile = path.join(dir, "hello");
  const built = spawnSync(
    bun,
    [
      "build",
      "hello.ts",
      "--compile",
      "--format=esm",
      "--bytecode",
      "--minify",
      "--no-compile-autoload-dotenv",
      "--no-compile-autoload-bunfig",
      "--outfile",
      outfile,
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" },
  );
  if (built.status !== 0 || !existsSync(outfile)) {
    console.error(
      `bench-engine: the Bun hello-world did not build (${built.stderr.trim()}); hot-path-binary-vs-bun-hello skipped`,
    );
    return undefined;
  }
  return { label: "`bun build --compile` hello-world", program: outfile, args: [] };
}
