// IAM Identity Center benchmark against the emulator (started here as a child process, with a
// seed of 1,000 accounts × 3 permission sets), with the release build (dist/):
//   sso-populate-3000: `awsafe sso populate` of 3,000 profiles, the portal throttled at 20
//     calls/s (the figure granted cites for Identity Center) and awsafe at its default pace
//   sso-populate-rss: that run's peak resident memory (VmHWM of the child), with the keychain
//     store, so that it is populate's own: the file store adds one scrypt derivation (~290 MiB)
//   sso-hot-path-vs-node-floor: cached SSO role credentials through `credential-process`
//     (answered by the agent) against `node -e 0`, measured alternately
//   sso-parallel-20-signins: browser starts when 20 `credential-process` calls find no token
/* global fetch, setInterval, clearInterval */
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

const repoRoot = path.resolve(import.meta.dirname, "..");
const cli = path.join(repoRoot, "dist/cli.cjs");
const browser = path.join(repoRoot, "test/engine/fixtures/follow-browser.mjs");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const work = mkdtempSync(path.join(tmpdir(), "awsafe-bench-sso-"));

const sets = ["AdministratorAccess", "ReadOnlyAccess", "Billing"];
const seedFile = path.join(work, "seed.json");
writeFileSync(
  seedFile,
  JSON.stringify({
    sso: {
      startUrl: "https://d-1234567890.awsapps.com/start",
      region: "us-east-1",
      users: ["developer"],
      permissionSets: sets.map((name) => ({
        name,
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      })),
      accounts: Array.from({ length: 1000 }, (_, i) => ({
        accountId: String(400000000000 + i),
        accountName: `acct ${i}`,
        permissionSets: sets,
      })),
    },
    accounts: Array.from({ length: 1000 }, (_, i) => ({
      id: String(400000000000 + i),
      name: `acct-${i}`,
    })),
  }),
);
const emulator = spawn(
  process.execPath,
  ["scripts/emulator.mjs", "--port", "0", "--seed", seedFile],
  {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const seed = JSON.parse(
  await new Promise((resolve) => createInterface({ input: emulator.stdout }).once("line", resolve)),
);
const controlApi = (method, route, body) =>
  fetch(`${seed.url}/__emulator/${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

function home() {
  const dir = mkdtempSync(path.join(work, "home-"));
  mkdirSync(path.join(dir, ".aws"));
  writeFileSync(
    path.join(dir, ".aws/config"),
    [
      "[sso-session corp]",
      "sso_start_url = https://d-1234567890.awsapps.com/start",
      "sso_region = us-east-1",
      "[profile dev]",
      "sso_session = corp",
      "sso_account_id = 400000000001",
      "sso_role_name = ReadOnlyAccess",
      "[profile dev2]",
      "sso_session = corp",
      "sso_account_id = 400000000002",
      "sso_role_name = ReadOnlyAccess",
      "",
    ].join("\n"),
  );
  return {
    dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ENDPOINT_URL: seed.url,
      AWSAFE_BACKEND: "file",
      AWSAFE_FILE_PASSPHRASE: "bench-passphrase-TEST",
      AWSAFE_PROMPT: "none",
      BROWSER: `${process.execPath} ${browser}`,
      BROWSER_LOG: path.join(dir, "browser.log"),
    },
  };
}

function awsafe(env, args) {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bench-sso: awsafe ${args.join(" ")}: ${result.stderr}`);
  return result;
}

try {
  // Populate, throttled at 20 calls/s.
  const populateHome = home();
  populateHome.env.AWSAFE_BACKEND = "keychain";
  populateHome.env.DBUS_SESSION_BUS_ADDRESS = process.env.DBUS_SESSION_BUS_ADDRESS;
  awsafe(populateHome.env, ["sso", "login", "--sso-session", "corp"]);
  await controlApi("POST", "rate-limit", { service: "sso", perSecond: 20, burst: 5 });
  const { seconds, peakKiB, status } = await timedWithPeak(populateHome.env, [
    "sso",
    "populate",
    "--sso-session",
    "corp",
  ]);
  await controlApi("DELETE", "rate-limit");
  const written = readFileSync(path.join(populateHome.dir, ".aws/config"), "utf8");
  const profiles = (written.match(/^awsafe_generated = corp$/gm) ?? []).length;
  if (status !== 0 || profiles !== 3000)
    throw new Error(`bench-sso: populate wrote ${profiles} profiles`);
  console.log(`sso-populate-3000: ${seconds.toFixed(1)} s`);
  console.log(`sso-populate-rss: ${(peakKiB / 1024).toFixed(0)} MiB`);

  // Hot path of cached SSO role credentials through the agent, against node -e 0.
  const hot = home();
  awsafe(hot.env, ["sso", "login", "--sso-session", "corp"]);
  awsafe(hot.env, ["credential-process", "dev"]);
  const floor = [];
  const ours = [];
  const timeOne = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, {
      env: hot.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (r.status !== 0) throw new Error(`bench-sso: ${args.join(" ")}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 30; i++) {
    ours.push(timeOne([cli, "credential-process", "dev"]));
    floor.push(timeOne(["-e", "0"]));
  }
  console.log(`sso-hot-path-vs-node-floor: ${(median(ours) / median(floor)).toFixed(2)} x`);
  awsafe(hot.env, ["agent", "stop"]);

  // 20 parallel calls with no token: browser starts.
  const parallel = home();
  await Promise.all(
    Array.from(
      { length: 20 },
      (_, i) =>
        new Promise((resolve) =>
          execFile(
            process.execPath,
            [cli, "credential-process", i % 2 === 0 ? "dev" : "dev2"],
            { env: parallel.env },
            resolve,
          ),
        ),
    ),
  );
  const starts = readFileSync(parallel.env.BROWSER_LOG, "utf8").split("\n").filter(Boolean).length;
  console.log(`sso-parallel-20-signins: ${starts}`);
  awsafe(parallel.env, ["agent", "stop"]);
} finally {
  emulator.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

/** Runs awsafe, timing it and sampling its peak resident memory (VmHWM, Linux). */
function timedWithPeak(env, args) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: "ignore" });
    let peakKiB = 0;
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
      } catch {
        // Gone already.
      }
    };
    const timer = setInterval(sample, 25);
    child.on("exit", (status) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakKiB, status });
    });
  });
}
