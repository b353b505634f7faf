import { execFile, spawn } from "node:child_process";
import type { ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForChild } from "../../../test/store/bundle-for-child.js";
import { describeWithRealThing, missingCommands } from "../../../test/store/real-thing.js";
import { repoRoot } from "../../../test/store/repo-root.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { describeStoreContract } from "../contract.test-suite.js";
import { openKeychainStore } from "./keychain-store.js";

const run = promisify(execFile);
const platform = process.platform;
const missing =
  platform !== "linux"
    ? `the Secret Service tests run on Linux (this is ${platform})`
    : await probe();

describeWithRealThing("keychain (real Secret Service)", missing, () => {
  let counter = 0;
  describeStoreContract("keychain", async () => {
    // A service name per test keeps runs apart in a shared keyring.
    const service = `awsafe-test-${process.pid}-${++counter}`;
    const open = (): Promise<SecretStore> => openKeychainStore({ service, platform });
    const store = await open();
    return { store, openAnother: open, cleanup: () => removeAll(store) };
  });

  it("files items as service/account pairs other Secret Service clients can read", async () => {
    const service = `awsafe-test-${process.pid}-interop`;
    const store = await openKeychainStore({ service, platform });
    const value = {
      accessKeyId: "AKIAEXAMPLETEST00009",
      secretAccessKey: "fake-secret-TEST-interop",
    };
    await store.put({ kind: "long-term", name: "a/b" }, value);
    try {
      const { stdout } = await run("secret-tool", [
        "lookup",
        "service",
        service,
        "username",
        "a%2Fb/long-term",
      ]);
      expect(JSON.parse(stdout)).toEqual(value);
    } finally {
      await removeAll(store);
    }
  });
});

describe("keychain without a Secret Service", () => {
  it.runIf(platform === "linux")(
    "fails every operation with StoreError 69 that says so and suggests --backend file",
    async () => {
      const outcomes = await runChild({
        DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/awsafe-test-bus",
      });
      expect(outcomes).toHaveLength(3);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({ ok: false, name: "StoreError", exitCode: 69 });
        expect(outcome.message).toMatch(/no Secret Service is running/);
        expect(outcome.hint).toMatch(/--backend file/);
      }
    },
  );
});

const lockedMissing =
  platform === "linux"
    ? await missingCommands("dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool")
    : "not Linux";
describeWithRealThing("keychain with a locked Secret Service", lockedMissing, () => {
  let bus: { address: string; stop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    bus = await startPrivateBus();
  });
  afterAll(async () => {
    await bus?.stop();
  });

  it("fails get, put and list with StoreError 69 that says it is locked and suggests --backend file", async () => {
    // With no display, gnome-keyring's unlock prompt cannot appear: what a locked keyring on a
    // headless box does.
    const outcomes = await runChild({ DBUS_SESSION_BUS_ADDRESS: bus?.address ?? "" });
    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ ok: false, name: "StoreError", exitCode: 69 });
      expect(outcome.message).toMatch(/keyring is locked/);
      expect(outcome.hint).toMatch(/--backend file/);
    }
  });
});

interface ChildOutcome {
  readonly ok: boolean;
  readonly name?: string;
  readonly exitCode?: number;
  readonly message?: string;
  readonly hint?: string;
}

async function runChild(env: Record<string, string>): Promise<ChildOutcome[]> {
  const script = await bundleForChild(path.join(repoRoot, "test/store/keychain-child.ts"));
  const { stdout } = await run(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), ...env },
  });
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed) || !parsed.every(isOutcome)) {
    throw new Error(`unexpected child output: ${stdout}`);
  }
  return parsed;
}

function isOutcome(value: unknown): value is ChildOutcome {
  return (
    typeof value === "object" && value !== null && "ok" in value && typeof value.ok === "boolean"
  );
}

/**
 * A D-Bus session of its own with a gnome-keyring whose login keyring exists and is locked:
 * unlocked with a test password, given one item, then locked through the Secret Service API.
 */
async function startPrivateBus(): Promise<{ address: string; stop: () => Promise<void> }> {
  const home = await mkdtemp(path.join(tmpdir(), "awsafe-bus-"));
  // No DISPLAY: gnome-keyring must not be able to show an unlock prompt.
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_DATA_HOME: path.join(home, "data"),
    XDG_RUNTIME_DIR: home,
  };
  const daemon = spawn("dbus-daemon", ["--session", "--print-address=1", "--nofork"], {
    env,
    stdio: ["ignore", "pipe", "ignore"],
  });
  // gnome-keyring daemons started on this bus exit when it goes away.
  const stop = async (): Promise<void> => {
    const exited = new Promise((resolve) => daemon.once("exit", resolve));
    if (daemon.exitCode === null) daemon.kill();
    await exited;
    await rm(home, { recursive: true, force: true });
  };
  try {
    const address = await firstLine(daemon);
    await lockedLoginKeyring({ ...env, DBUS_SESSION_BUS_ADDRESS: address });
    return { address, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function lockedLoginKeyring(env: Record<string, string>): Promise<void> {
  // gnome-keyring forks into the background once the login keyring is unlocked.
  const keyring = execFile("gnome-keyring-daemon", ["--unlock", "--components=secrets"], { env });
  keyring.stdin?.end("test-keyring-password");
  await new Promise((resolve, reject) => keyring.once("exit", resolve).once("error", reject));
  await run(
    "sh",
    [
      "-c",
      "printf v | secret-tool store --label=t service awsafe-child-test username child/long-term",
    ],
    { env },
  );
  const lock = [
    "org.freedesktop.Secret.Service.Lock",
    "array:objpath:/org/freedesktop/secrets/collection/login",
  ];
  await run(
    "dbus-send",
    [
      "--session",
      "--print-reply",
      "--dest=org.freedesktop.secrets",
      "/org/freedesktop/secrets",
      ...lock,
    ],
    { env },
  );
}

function firstLine(child: ChildProcessByStdio<null, Readable, null>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      reject(new Error(`${child.spawnfile} exited (${String(code)}) before printing`));
    });
    child.stdout.once("data", (chunk: Buffer) => {
      resolve(chunk.toString("utf8").trim());
    });
  });
}

async function probe(): Promise<string | undefined> {
  try {
    const store = await openKeychainStore({ service: `awsafe-probe-${process.pid}`, platform });
    await store.list();
    await store.get({ kind: "long-term", name: "probe" });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `${reason} (run the tests under scripts/with-secret-service.sh)`;
  }
}

async function removeAll(store: SecretStore): Promise<void> {
  for (const ref of await store.list()) await store.delete(ref);
}
