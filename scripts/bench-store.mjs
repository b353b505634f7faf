// Secret store benchmark: prints `store-get-<backend>: <ms> ms` (median) for each backend this
// machine has. For the encrypted file that is a cold get: open + unlock (one scrypt derivation at
// the default work factor 18) + read, which is what a process without the agent pays; the
// `store-hot-get-file` line is a read from an unlocked handle (what the agent pays), and
// `store-put-file` a write (one derivation). Setup and teardown are not timed.
// Run alone (`node scripts/bench-store.mjs`) or call benchStore() from scripts/bench.mjs; run it
// under scripts/with-secret-service.sh to include the keychain.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const repoRoot = path.resolve(import.meta.dirname, "..");
const passphrase = "bench-TEST-passphrase";
const ref = { kind: "long-term", name: "bench" };
const value = { accessKeyId: "AKIAEXAMPLEBENCH0001", secretAccessKey: "fake-secret-TEST-bench" };

/** Runs the store benchmarks and prints one line per measurement with `log`. */
export async function benchStore(log = console.log) {
  const store = await loadStoreModules();
  const work = mkdtempSync(path.join(tmpdir(), "awsafe-bench-store-"));
  try {
    const memory = store.createMemoryStore();
    await memory.put(ref, value);
    log(`store-get-memory: ${await median(20, () => memory.get(ref))} ms`);
    await benchFile(store, work, log);
    await benchKeychain(store, log);
    await benchPass(store, work, log);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function benchFile(store, work, log) {
  const options = (dataDir) => ({ ...common(), backend: "file", dataDir });
  const dataDir = path.join(work, "file");
  const writer = await store.openStore(options(dataDir));
  await writer.put(ref, value);
  log(
    `store-get-file: ${await median(3, async () => (await store.openStore(options(dataDir))).get(ref))} ms`,
  );
  log(`store-hot-get-file: ${await median(20, () => writer.get(ref))} ms`);
  log(`store-put-file: ${await median(3, () => writer.put(ref, value))} ms`);
}

async function benchKeychain(store, log) {
  const options = {
    ...common(),
    backend: "keychain",
    dataDir: "/unused",
    keychainService: `awsafe-bench-${process.pid}`,
  };
  let keychain;
  try {
    keychain = await store.openStore(options);
    await keychain.put(ref, value);
  } catch (error) {
    log(`store-get-keychain: skipped (${error.message.split("\n")[0]})`);
    return;
  }
  try {
    log(
      `store-get-keychain: ${await median(20, async () => (await store.openStore(options)).get(ref))} ms`,
    );
  } finally {
    await keychain.delete(ref);
  }
}

async function benchPass(store, work, log) {
  const env = { PATH: process.env.PATH ?? "", HOME: work, GNUPGHOME: path.join(work, "gnupg") };
  const storeDir = path.join(work, "pass");
  try {
    mkdirSync(env.GNUPGHOME, { mode: 0o700 });
    const uid = "awsafe bench <awsafe-bench@example.invalid>";
    execFileSync(
      "gpg",
      ["--batch", "--passphrase", "", "--quick-gen-key", uid, "future-default", "default", "never"],
      { env, stdio: "ignore" },
    );
    execFileSync("pass", ["init", uid], {
      env: { ...env, PASSWORD_STORE_DIR: storeDir },
      stdio: "ignore",
    });
  } catch {
    log("store-get-pass: skipped (pass or gpg not installed)");
    return;
  }
  try {
    const options = {
      ...common(),
      backend: "pass",
      dataDir: "/unused",
      env: { ...env, PASSWORD_STORE_DIR: storeDir },
    };
    await (await store.openStore(options)).put(ref, value);
    log(
      `store-get-pass: ${await median(10, async () => (await store.openStore(options)).get(ref))} ms`,
    );
  } finally {
    try {
      execFileSync("gpgconf", ["--kill", "all"], { env, stdio: "ignore" });
    } catch {
      // the agent may not have started
    }
  }
}

function common() {
  return {
    platform: process.platform,
    homeDir: tmpdir(),
    env: {},
    passphrase: () => Promise.resolve(passphrase),
  };
}

async function median(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)].toFixed(2);
}

/** Bundles the store modules from src/ (bench runs before or without the library exporting them). */
async function loadStoreModules() {
  const dir = path.join(repoRoot, "node_modules", ".cache", "awsafe-bench");
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, "store.mjs");
  await build({
    stdin: {
      contents:
        'export { openStore } from "./src/store/open-store.ts";\n' +
        'export { createMemoryStore } from "./src/store/memory/memory-store.ts";\n',
      resolveDir: repoRoot,
      loader: "ts",
    },
    outfile,
    bundle: true,
    splitting: false,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // The build that ships: no test hooks (src/runtime/test-hooks.ts).
    define: { __AWSAFE_TEST_HOOKS__: "false" },
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchStore();
