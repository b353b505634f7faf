import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSeed } from "../../emulator/seed/default-seed.js";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control } from "../../emulator/test-support/emulator-fixture.js";
import { repoRoot } from "../support/conformance.js";
import { makeWorld, type AwsafeWorld } from "./awsafe-world.js";

// `sso populate` at scale (DESIGN §6): 1,000 accounts × 3 roles against an emulator that
// throttles the portal at 100 calls/s while awsafe is told to go faster (--max-rate 150), so
// throttling answers come and are retried. Every profile is written, none lost, user edits and
// unmarked profiles are kept, --prune is exact, a rerun changes nothing, and the AWS CLI parses
// the file.
const awsCli = "/usr/bin/aws";
const withAwsCliV2 = existsSync(awsCli) || process.env["CI"] !== undefined;
const accounts = 1000;
const browser = path.join(repoRoot, "test/engine/fixtures/follow-browser.mjs");

let emulator: RunningEmulator;
let world: AwsafeWorld;
beforeAll(async () => {
  const seed = defaultSeed();
  const sets = ["AdministratorAccess", "ReadOnlyAccess", "Billing"];
  emulator = await start({
    port: 0,
    seed: {
      ...seed,
      accounts: [
        ...seed.accounts,
        ...Array.from({ length: accounts }, (_, i) => ({
          id: String(400000000000 + i),
          name: `acct-${i}`,
        })),
      ],
      sso: {
        startUrl: "https://d-1234567890.awsapps.com/start",
        region: "us-east-1",
        users: ["developer"],
        permissionSets: sets.map((name) => ({
          name,
          managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
          inlinePolicy: undefined,
          sessionDuration: 3600,
        })),
        accounts: Array.from({ length: accounts }, (_, i) => ({
          accountId: String(400000000000 + i),
          // Names as administrators write them: spaces, brackets, shell characters.
          accountName: i === 7 ? "Team [Payments]; $(rm -rf ~)" : `acct ${i}`,
          emailAddress: `acct-${i}@example.com`,
          permissionSets: sets,
        })),
      },
    },
  });
  world = makeWorld(emulator, "file");
  Object.assign(world.env, { BROWSER: `${process.execPath} ${browser}` });
  appendFileSync(
    path.join(world.home, ".aws/config"),
    [
      "[sso-session corp]",
      "sso_start_url = https://d-1234567890.awsapps.com/start",
      "sso_region = us-east-1",
      "# mine, not awsafe's",
      "[profile acct-3.Billing]",
      "region = eu-west-1",
      "",
    ].join("\n"),
  );
  const login = await world.awsafe(["sso", "login", "--sso-session", "corp"]);
  expect(login.status).toBe(0);
}, 120_000);
afterAll(async () => {
  await world.stopAgent();
  await emulator.stop();
  rmSync(world.home, { recursive: true, force: true });
});

const config = () => readFileSync(path.join(world.home, ".aws/config"), "utf8");
const generated = () => (config().match(/^awsafe_generated = corp$/gm) ?? []).length;

describe("sso populate, 1,000 accounts × 3 roles, throttled portal", () => {
  it("writes every profile once, with bounded concurrency, retrying the throttled calls", async () => {
    await control(emulator, "DELETE", "stats");
    await control(emulator, "POST", "rate-limit", { service: "sso", perSecond: 100, burst: 10 });
    // Each call takes a while, as over a network: calls overlap, up to the concurrency bound.
    await control(emulator, "POST", "faults", {
      operation: "sso:ListAccountRoles",
      kind: "latency",
      latencyMs: 30,
      always: true,
    });
    const started = Date.now();
    const run = await world.awsafe([
      "sso",
      "populate",
      "--sso-session",
      "corp",
      "--max-rate",
      "150",
    ]);
    const seconds = (Date.now() - started) / 1000;
    expect(run.status, run.stderr).toBe(0);
    const stats = (await control(emulator, "GET", "stats")) as {
      operations: Record<string, number>;
      maxInFlight: Record<string, number>;
    };
    const listCalls =
      (stats.operations["sso:ListAccountRoles"] ?? 0) + (stats.operations["sso:ListAccounts"] ?? 0);
    console.log(
      `sso-populate test: ${seconds.toFixed(1)} s, ${String(listCalls)} portal calls (${String(listCalls - 1010)} throttled and retried), max in flight ${String(stats.maxInFlight["sso"])}`,
    );
    expect(listCalls).toBeGreaterThan(1010);
    expect(stats.maxInFlight["sso"]).toBeLessThanOrEqual(8);
    expect(stats.maxInFlight["sso"]).toBeGreaterThan(1);
    // 2,999 generated: acct-3.Billing is the user's and stays theirs.
    expect(generated()).toBe(2999);
    expect(run.stderr).toContain('skipped profile "acct-3.Billing"');
    expect(config()).toContain("[profile acct-3.Billing]\nregion = eu-west-1\n");
    expect(config()).toContain("[profile Team-Payments-rm-rf.AdministratorAccess]");
    await control(emulator, "DELETE", "rate-limit");
    await control(emulator, "DELETE", "faults");
  }, 300_000);

  it("a rerun changes nothing, and keeps keys the user added to generated profiles", async () => {
    const edited = config().replace(
      "[profile acct-5.ReadOnlyAccess]\n",
      "[profile acct-5.ReadOnlyAccess]\noutput = table\n",
    );
    writeFileSync(path.join(world.home, ".aws/config"), edited);
    const rerun = await world.awsafe([
      "sso",
      "populate",
      "--sso-session",
      "corp",
      "--max-rate",
      "200",
    ]);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toContain("0 profiles to create, 0 to update, 0 to prune, 2999 unchanged");
    expect(config()).toBe(edited);
  }, 300_000);

  it("--dry-run prints the diff of --prune and writes nothing; --prune removes exactly the gone roles", async () => {
    const sso = emulator.state.sso;
    if (sso === undefined) throw new Error("no sso in the seed");
    const gone = sso.accounts.slice(0, 2);
    Object.assign(sso, { accounts: sso.accounts.slice(2) });
    const before = config();
    const dry = await world.awsafe([
      "sso",
      "populate",
      "--sso-session",
      "corp",
      "--prune",
      "--dry-run",
      "--max-rate",
      "200",
    ]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("@@ prune profile acct-0.AdministratorAccess @@");
    expect(config()).toBe(before);
    const pruned = await world.awsafe([
      "sso",
      "populate",
      "--sso-session",
      "corp",
      "--prune",
      "--json",
      "--max-rate",
      "200",
    ]);
    expect(pruned.status).toBe(0);
    const report = JSON.parse(pruned.stdout) as { pruned: string[] };
    expect(report.pruned.sort()).toEqual(
      gone
        .flatMap((a) =>
          ["AdministratorAccess", "Billing", "ReadOnlyAccess"].map(
            (r) => `${a.accountName.replace(" ", "-")}.${r}`,
          ),
        )
        .sort(),
    );
    expect(generated()).toBe(2993);
    expect(config()).toContain("[profile acct-3.Billing]\nregion = eu-west-1\n");
  }, 300_000);

  it.runIf(withAwsCliV2)("the AWS CLI still parses the file and lists every profile", () => {
    const listed = spawnSync(awsCli, ["configure", "list-profiles"], {
      env: world.env,
      encoding: "utf8",
    });
    expect(listed.status).toBe(0);
    const names = listed.stdout.split("\n").filter(Boolean);
    expect(names).toContain("acct-999.Billing");
    expect(
      names.filter((n) => /\.(AdministratorAccess|ReadOnlyAccess|Billing)$/.test(n)).length,
    ).toBe(2994);
  });
});
