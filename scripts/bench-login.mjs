// Console-login benchmark against the emulator (started here as a child process), with the build
// that ships (dist/):
//   login-url-ms: `awsafe login admin --stdout` with the role session cached by the agent: from
//     start to the login URL printed (one getSigninToken call to the emulator), median ms
//   login-vs-node-floor: that against `node -e 0`, measured alternately
// The keychain needs a Secret Service: this file runs itself again under
// scripts/with-secret-service.sh with a throwaway HOME, so its gnome-keyring (and the `base` key
// stored there) is its own; without one the encrypted-file store is used, with a note.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { prepareBenchHome, startEmulator } from "./bench-world.mjs";

const repoRoot = path.resolve(import.meta.dirname, "..");
const awsafe = [process.execPath, path.join(repoRoot, "dist/cli.cjs")];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!process.argv.includes("--inside")) {
  const keyringHome = mkdtempSync(path.join(tmpdir(), "awsafe-bench-keyring-"));
  const env = { ...process.env, HOME: keyringHome };
  delete env.XDG_DATA_HOME;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const inner = spawnSync(
    path.join(repoRoot, "scripts/with-secret-service.sh"),
    [process.execPath, import.meta.filename, "--inside"],
    { env, stdio: ["ignore", "inherit", "inherit"] },
  );
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(inner.status ?? 1);
}

const { seed, child: emulator } = await startEmulator();
const home = mkdtempSync(path.join(tmpdir(), "awsafe-bench-login-"));
try {
  const keychain = process.env.DBUS_SESSION_BUS_ADDRESS !== undefined;
  if (!keychain) console.error("bench-login: no Secret Service; the encrypted-file store is used");
  const env = prepareBenchHome({ home, seed, backend: keychain ? "keychain" : "file", awsafe });
  const login = [...awsafe.slice(1), "login", "admin", "--stdout"];
  const timeRun = (args) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { env, encoding: "utf8" });
    const elapsed = performance.now() - start;
    if (result.status !== 0) throw new Error(`bench-login: ${args.join(" ")}: ${result.stderr}`);
    return { elapsed, stdout: result.stdout };
  };
  // The first run asks for the MFA code and fills the agent's cache; it is not counted.
  timeRun(login);
  const urls = [];
  const floor = [];
  for (let i = 0; i < 20; i++) {
    const run = timeRun(login);
    if (!run.stdout.startsWith(`${seed.url}/federation?Action=login&`))
      throw new Error("bench-login: awsafe login printed no login URL");
    urls.push(run.elapsed);
    floor.push(timeRun(["-e", "0"]).elapsed);
  }
  console.log(`login-url-ms: ${median(urls).toFixed(1)} ms`);
  console.log(`login-vs-node-floor: ${(median(urls) / median(floor)).toFixed(2)} x`);
  spawnSync(awsafe[0], [awsafe[1], "agent", "stop"], { env, stdio: "ignore" });
} finally {
  emulator.kill("SIGTERM");
  rmSync(home, { recursive: true, force: true });
}
