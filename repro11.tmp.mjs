// Before/after reproductions of issue 11 §1 and §2 (one-off, not committed).
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareBenchHome, startEmulator } from "./scripts/bench-world.mjs";
const builds = { before: "/work/baseline/dist/cli.cjs", after: "/work/main/dist/cli.cjs" };
const { seed, child } = await startEmulator();
const work = mkdtempSync(path.join(tmpdir(), "repro11-"));
const run = (cli, args, env, extra = {}) => {
  const t = Date.now();
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...env, ...extra }, encoding: "utf8", timeout: 40_000 });
  return { status: r.status ?? `killed(${r.signal})`, secs: ((Date.now() - t) / 1000).toFixed(1), out: r.stdout.replace(/"SecretAccessKey":"[^"]+"/, '"SecretAccessKey":"****"').slice(0, 90), err: r.stderr.trim().split("\n")[0] };
};
try {
  for (const [name, cli] of Object.entries(builds)) {
    console.log(`=== ${name}`);
    const home = mkdtempSync(path.join(work, `${name}-`));
    const env = prepareBenchHome({ home, seed, backend: "file", awsafe: [process.execPath, cli] });
    const user = seed.users.find((u) => u.userName === "assume-only");
    appendFileSync(path.join(home, ".aws/config"), `[profile rfail]\nrole_arn = arn:aws:iam::210987654321:role/AdminRole\nsource_profile = base\nmfa_serial = ${user.mfaSerial}\nmfa_process = sh -c 'sleep 5; exit 1'\n`);
    run(cli, ["credential-process", "admin"], env);
    let r = run(cli, ["export", "base", "--no-session", "--format", "json"], env, { AWSAFE_FILE_PASSPHRASE: "totally-wrong" });
    console.log(`§1 wrong passphrase, --no-session: exit ${r.status} in ${r.secs} s; stdout ${JSON.stringify(r.out)}; stderr ${JSON.stringify(r.err)}`);
    const raw = await new Promise((resolve) => {
      const s = createConnection(path.join(home, ".local/share/awsafe/run/agent.sock"));
      let text = ""; s.setEncoding("utf8"); s.on("data", (d) => (text += d)); s.on("close", () => resolve(text)); s.on("error", () => resolve("error"));
      s.write(JSON.stringify({ v: 1, type: "credentials", profile: "base", noSession: true, env: { HOME: home, AWSAFE_BACKEND: "file" } }) + "\n");
    });
    console.log(`§1 raw socket, no passphrase: ${raw.replace(/"secretAccessKey":"[^"]+"/, '"secretAccessKey":"****"').trim().split("\n").at(-1)}`);
    spawnSync(process.execPath, [cli, "agent", "stop"], { env });
    run(cli, ["credential-process", "admin"], env);
    const a = spawn(process.execPath, [cli, "export", "rfail"], { env, stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 1000));
    const b = spawn(process.execPath, [cli, "export", "rfail"], { env, stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 1500));
    b.kill("SIGINT");
    await new Promise((r) => a.on("exit", r));
    r = run(cli, ["export", "admin", "--duration", "1h", "--format", "json"], env);
    console.log(`§2 after a vanished waiter: export admin exit ${r.status} in ${r.secs} s (limit 40 s)`);
    const st = spawnSync(process.execPath, [cli, "agent", "status", "--json"], { env, encoding: "utf8" });
    const pid = JSON.parse(st.stdout || "{}").pid;
    const idle = createConnection(path.join(home, ".local/share/awsafe/run/agent.sock")); idle.on("error", () => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const stop = run(cli, ["agent", "stop"], env);
    await new Promise((r) => setTimeout(r, 300));
    let aliveAfter = false; try { process.kill(pid, 0); aliveAfter = true; } catch {}
    console.log(`§2 agent stop with an idle client connected: "${stop.out.trim()}" exit ${stop.status}; agent pid ${pid} alive afterwards: ${aliveAfter}`);
    idle.destroy(); if (aliveAfter) process.kill(pid, "SIGKILL");
  }
} finally { child.kill("SIGTERM"); rmSync(work, { recursive: true, force: true }); }
