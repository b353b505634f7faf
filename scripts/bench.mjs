// Prints one line per figure, "<name>: <value> <unit>". Figures are medians of repeated runs in
// this one process, and ratios compare two things measured alternately, so a noisy shared
// machine moves both sides alike. Run through `npm run -s bench` (which builds first).
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createPlanner, parseSharedConfig } from "../dist/index.js";
import { benchStore } from "./bench-store.mjs";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** A config in the shape users have: key profiles, role profiles over them with MFA, SSO. */
function generateConfig(profileCount) {
  const config = [
    "[sso-session corp]",
    "sso_start_url = https://example.awsapps.com/start",
    "sso_region = us-east-1",
    "",
  ];
  const credentials = [];
  for (let i = 0; i < profileCount; i++) {
    const account = String(100000000000 + i);
    switch (i % 4) {
      case 0:
        config.push(`[profile user-${i}]`, "region = eu-west-1", "");
        credentials.push(
          `[user-${i}]`,
          `aws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, "0")}`,
          "aws_secret_access_key = example-secret",
          "",
        );
        break;
      case 1:
        config.push(
          `[profile role-${i}]`,
          `role_arn = arn:aws:iam::${account}:role/Admin`,
          `source_profile = user-${i - 1}`,
          `mfa_serial = arn:aws:iam::${account}:mfa/user`,
          "region = eu-west-1",
          "",
        );
        break;
      case 2:
        config.push(
          `[profile chain-${i}]`,
          `role_arn = arn:aws:iam::${account}:role/ReadOnly`,
          `source_profile = role-${i - 1}`,
          "duration_seconds = 3600",
          "",
        );
        break;
      default:
        config.push(
          `[profile sso-${i}]`,
          "sso_session = corp",
          `sso_account_id = ${account}`,
          "sso_role_name = ReadOnlyAccess",
          "",
        );
    }
  }
  return { config: config.join("\n"), credentials: credentials.join("\n") };
}

function benchConfig() {
  const files = generateConfig(10_000);
  const once = () => {
    const start = performance.now();
    const { data } = parseSharedConfig({
      config: { path: "config", text: files.config },
      credentials: { path: "credentials", text: files.credentials },
    });
    const plan = createPlanner(data);
    let steps = 0;
    for (const name of data.profiles.keys()) steps += plan(name).steps.length;
    if (steps === 0) throw new Error("bench: nothing was planned");
    return performance.now() - start;
  };
  for (let i = 0; i < 5; i++) once();
  const runs = Array.from({ length: 21 }, once);
  console.log(`config-10k-profiles: ${median(runs).toFixed(1)} ms`);
  benchList(files);
}

/**
 * `awsafe list` of the same 10,000 profiles end to end (a fresh process each time: start-up,
 * reading and printing), in a HOME whose store is empty, against `node -e 0` measured
 * alternately: `list-10k-profiles` from its cache, as every run over unchanged files is, and
 * `list-10k-profiles-uncached` as the first run after the files changed (the cache holds an
 * entry for other files: it reads the files, plans every profile and writes the entry again).
 */
function benchList(files) {
  const home = mkdtempSync(path.join(tmpdir(), "awsafe-bench-list-"));
  try {
    mkdirSync(path.join(home, ".aws"));
    writeFileSync(path.join(home, ".aws/config"), files.config);
    writeFileSync(path.join(home, ".aws/credentials"), files.credentials);
    // awsafe neither makes nor trusts a cache entry within 2 s of a file's change (the racy
    // window): wait it out, as a person does between editing a file and listing twice.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_500);
    const env = { ...startEnv, HOME: home, AWSAFE_BACKEND: "file", AWSAFE_AGENT: "off" };
    const cacheFile = path.join(home, ".cache/awsafe/list-table");
    timeCommand(process.execPath, ["dist/cli.cjs", "list"], env);
    if (!existsSync(cacheFile)) throw new Error("bench: list wrote no cache entry");
    const stale = staleEntry(readFileSync(cacheFile));
    // The single executable too, when a build of it is there (scripts/bench-engine.mjs builds it).
    const binary = existsSync("dist/awsafe");
    const list = [],
      uncached = [],
      node = [],
      listBinary = [];
    for (let i = 0; i < 12; i++) {
      list.push(timeCommand(process.execPath, ["dist/cli.cjs", "list"], env));
      node.push(timeCommand(process.execPath, ["-e", "0"], env));
      writeFileSync(cacheFile, stale, { mode: 0o600 });
      uncached.push(timeCommand(process.execPath, ["dist/cli.cjs", "list"], env));
      if (binary) listBinary.push(timeCommand("dist/awsafe", ["list"], env));
    }
    console.log(`list-10k-profiles: ${median(list.slice(2)).toFixed(1)} ms`);
    console.log(`list-10k-profiles-uncached: ${median(uncached.slice(2)).toFixed(1)} ms`);
    console.log(
      `list-10k-vs-node-floor: ${(median(list.slice(2)) / median(node.slice(2))).toFixed(2)} x`,
    );
    if (binary) console.log(`list-10k-binary: ${median(listBinary.slice(2)).toFixed(1)} ms`);
    else console.error("bench: no dist/awsafe (npm run build:bin); list-10k-binary skipped");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** `entry` as if made for other files: its key (the first line) names another config file. */
function staleEntry(entry) {
  const newline = entry.indexOf(10);
  const key = JSON.parse(entry.subarray(0, newline).toString("utf8"));
  key[3][0] = `${key[3][0]}-elsewhere`;
  return Buffer.concat([Buffer.from(JSON.stringify(key), "utf8"), entry.subarray(newline)]);
}

// Start-up is timed in a minimal environment: variables such as NODE_EXTRA_CA_CERTS make Node
// read files at start and would hide what awsafe itself costs.
const startEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

function timeCommand(command, args, env = startEnv) {
  const start = performance.now();
  const result = spawnSync(command, args, { stdio: ["ignore", "pipe", "inherit"], env });
  const elapsed = performance.now() - start;
  if (result.status !== 0)
    throw new Error(`bench: ${command} ${args.join(" ")} exited ${result.status}`);
  return elapsed;
}

function benchStart() {
  const cli = [],
    node = [];
  for (let i = 0; i < 5; i++) {
    timeCommand(process.execPath, ["dist/cli.cjs", "--version"]);
    timeCommand(process.execPath, ["-e", "0"]);
  }
  for (let i = 0; i < 40; i++) {
    cli.push(timeCommand(process.execPath, ["dist/cli.cjs", "--version"]));
    node.push(timeCommand(process.execPath, ["-e", "0"]));
  }
  console.log(`cli-start-vs-node: ${(median(cli) / median(node)).toFixed(2)} x`);
  // How fast this machine is right now, to read the absolute figures above against.
  console.log(`node-floor: ${median(node).toFixed(1)} ms`);
}

benchConfig();
benchStart();
await benchStore();
// The credential engine against the emulator (npm run bench runs all of this inside a private
// Secret Service, so the keychain lines are measured too).
spawnSync(process.execPath, ["scripts/bench-engine.mjs"], {
  stdio: ["ignore", "inherit", "inherit"],
});
spawnSync(process.execPath, ["scripts/bench-endpoint.mjs"], {
  stdio: ["ignore", "inherit", "inherit"],
});
spawnSync(process.execPath, ["scripts/bench-login.mjs"], {
  stdio: ["ignore", "inherit", "inherit"],
});
spawnSync(process.execPath, ["scripts/bench-sso.mjs"], {
  stdio: ["ignore", "inherit", "inherit"],
});
