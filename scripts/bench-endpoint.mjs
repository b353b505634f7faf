// Credential-endpoint benchmark: `awsafe serve admin` (credentials from the emulator, started
// here as a child process) under autocannon on loopback, with the Authorization token:
//   endpoint-rps: requests per second over 100,000 requests (10 connections, keep-alive)
//   endpoint-p99: the 99th-percentile latency, the worse of the two halves
//   endpoint-rss-after-100k: the serve process's resident memory after them (VmRSS); the
//     figure after the first 50,000 goes to stderr, to show it holds steady
// Run through `npm run -s bench` (which builds first), or alone after `npm run -s build`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { prepareBenchHome, startEmulator } from "./bench-world.mjs";
import autocannon from "autocannon";

const repoRoot = path.resolve(import.meta.dirname, "..");
const cli = path.join(repoRoot, "dist/cli.cjs");
const half = 50_000;

const { seed, child: emulator } = await startEmulator();
const home = mkdtempSync(path.join(tmpdir(), "awsafe-bench-endpoint-"));
const env = prepareBenchHome({
  home,
  seed,
  backend: "file",
  awsafe: [process.execPath, cli],
});
let serve;
try {
  serve = spawn(process.execPath, [cli, "serve", "admin"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exports = await exportLines(serve);
  const url = exports.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const headers = { Authorization: exports.AWS_CONTAINER_AUTHORIZATION_TOKEN };
  // Warm-up, not counted: the JIT, the first connections.
  await load(url, headers, 5_000);
  const first = await load(url, headers, half);
  const rssHalf = rssMiB(serve.pid);
  const second = await load(url, headers, half);
  const rssFull = rssMiB(serve.pid);
  const seconds = first.duration + second.duration;
  console.log(`endpoint-rps: ${Math.round((2 * half) / seconds)} req/s`);
  console.log(`endpoint-p99: ${Math.max(first.latency.p99, second.latency.p99)} ms`);
  console.log(`endpoint-rss-after-100k: ${rssFull.toFixed(1)} MiB`);
  console.error(
    `bench-endpoint: RSS ${rssHalf.toFixed(1)} MiB after 50k, ${rssFull.toFixed(1)} MiB after 100k`,
  );
} finally {
  serve?.kill("SIGTERM");
  spawnSync(process.execPath, [cli, "agent", "stop"], { env, stdio: "ignore" });
  emulator.kill("SIGTERM");
  rmSync(home, { recursive: true, force: true });
}

/** `amount` GETs of the credentials over 10 kept-alive connections; fails on any non-200. */
async function load(url, headers, amount) {
  const result = await autocannon({ url, headers, amount, connections: 10 });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`bench-endpoint: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result;
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}

function exportLines(child) {
  return new Promise((resolve, reject) => {
    const found = {};
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
      if (match) found[match[1]] = match[2];
      if (found.AWS_CONTAINER_AUTHORIZATION_TOKEN !== undefined) resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`bench-endpoint: serve exited ${code}`)));
  });
}
