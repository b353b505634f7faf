import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fakeKey } from "../../../test/support/fake-keys.js";
import { StoreError, UsageError } from "../../errors.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { createMemoryStore } from "../../store/memory/memory-store.js";
import { replacementHash } from "../backup/restore-backup.js";
import type { MisprefixedSection } from "./find-stray-keys.js";
import { importKeys, type ImportOptions, type ImportStep } from "./import-keys.js";

const key = fakeKey();
const seed = `# team keys\n[dev]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`;

function setup(): {
  home: string;
  credentials: string;
  config: string;
  context: Parameters<typeof importKeys>[0];
} {
  const home = mkdtempSync(path.join(tmpdir(), "awsafe-import-"));
  const credentials = path.join(home, "credentials");
  writeFileSync(credentials, seed, { mode: 0o600 });
  const env = {
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: path.join(home, "config"),
  };
  return {
    home,
    credentials,
    config: env.AWS_CONFIG_FILE,
    context: { env, platform: { platform: "linux", homedir: () => home } },
  };
}

function options(store: SecretStore, extra: Partial<ImportOptions> = {}): ImportOptions {
  return {
    profiles: [],
    dryRun: false,
    keepPlaintextBackup: false,
    processLine: (profile) => `/usr/bin/node /opt/awsafe/cli.js credential-process ${profile}`,
    openStore: () => Promise.resolve(store),
    now: () => new Date("2026-01-02T03:04:05Z"),
    ...extra,
  };
}

describe("importKeys", () => {
  it("stores the key and a backup of the original, then edits both files", async () => {
    const { context, credentials, config } = setup();
    const store = createMemoryStore();
    const result = await importKeys(context, options(store));
    expect(await store.get({ kind: "long-term", name: "dev" })).toMatchObject(key);
    const backups = await store.list({ kind: "backup" });
    expect(backups).toHaveLength(1);
    expect((await store.get({ kind: "backup", name: backups[0]?.name ?? "" }))?.content).toBe(seed);
    expect(readFileSync(credentials, "utf8")).toBe("# team keys\n[dev]\n");
    expect(readFileSync(config, "utf8")).toContain("credential_process = /usr/bin/node");
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(result.storedItems).toHaveLength(2);
  });

  it("changes nothing on a dry run, but reads the store the real run would write", async () => {
    const { context, credentials, config } = setup();
    const store = createMemoryStore();
    let checked = 0;
    const result = await importKeys(
      context,
      options(
        {
          ...store,
          checkWritable: () => {
            checked++;
            return Promise.resolve();
          },
        },
        { dryRun: true },
      ),
    );
    expect(result.plan.candidates).toHaveLength(1);
    expect(checked).toBe(1);
    expect(readFileSync(credentials, "utf8")).toBe(seed);
    expect(existsSync(config)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it("fails a dry run as the real run would when the store cannot be opened or written", async () => {
    const { context, credentials } = setup();
    const unreachable = options(createMemoryStore(), {
      dryRun: true,
      openStore: () => Promise.reject(new StoreError("no Secret Service")),
    });
    await expect(importKeys(context, unreachable)).rejects.toThrow("no Secret Service");
    const readOnly = options(
      {
        ...createMemoryStore(),
        checkWritable: () => Promise.reject(new StoreError("pass store not initialized")),
      },
      { dryRun: true },
    );
    await expect(importKeys(context, readOnly)).rejects.toThrow("pass store not initialized");
    const other = createMemoryStore();
    await other.put({ kind: "long-term", name: "dev" }, fakeKey());
    await expect(importKeys(context, options(other, { dryRun: true }))).rejects.toThrow(UsageError);
    expect(readFileSync(credentials, "utf8")).toBe(seed);
  });

  it("asks about a credentials-file [profile NAME] and imports it as NAME after a yes", async () => {
    const { context, credentials } = setup();
    const other = fakeKey();
    writeFileSync(
      credentials,
      `[profile ops]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n`,
    );
    const asked: string[] = [];
    const answer = (yes: boolean) => (section: MisprefixedSection) => {
      asked.push(`${section.header} -> ${section.intended}`);
      return Promise.resolve(yes);
    };
    const store = createMemoryStore();
    const declined = await importKeys(context, options(store, { confirmPrefixFix: answer(false) }));
    expect(declined.plan.misprefixed.map((s) => s.intended)).toEqual(["ops"]);
    expect(await store.list()).toEqual([]);
    const dry = await importKeys(
      context,
      options(store, { dryRun: true, confirmPrefixFix: answer(true) }),
    );
    expect(dry.plan.candidates).toEqual([]);
    const accepted = await importKeys(context, options(store, { confirmPrefixFix: answer(true) }));
    expect(accepted.plan.candidates.map((c) => c.profile)).toEqual(["ops"]);
    expect(asked).toEqual(["profile ops -> ops", "profile ops -> ops"]);
    expect(await store.get({ kind: "long-term", name: "ops" })).toMatchObject(other);
    expect(readFileSync(credentials, "utf8")).toBe("[profile ops]\n");
  });

  it("records in each backup the hash of the text that replaced the file", async () => {
    const { context, credentials } = setup();
    const store = createMemoryStore();
    await importKeys(context, options(store));
    const [ref] = await store.list({ kind: "backup" });
    const backup = await store.get({ kind: "backup", name: ref?.name ?? "" });
    expect(backup?.replacedWithSha256).toBe(replacementHash(readFileSync(credentials, "utf8")));
  });

  it("stops before any change when the store holds a different key for the profile", async () => {
    const { context, credentials } = setup();
    const store = createMemoryStore();
    const other = fakeKey();
    await store.put({ kind: "long-term", name: "dev" }, other);
    await expect(importKeys(context, options(store))).rejects.toThrow(UsageError);
    expect(readFileSync(credentials, "utf8")).toBe(seed);
    expect(await store.list()).toEqual([{ kind: "long-term", name: "dev" }]);
  });

  it.each<ImportStep>(["after-store-write", "after-config-write", "after-credentials-write"])(
    "undoes everything when a step fails %s",
    async (failAt) => {
      const { context, credentials, config } = setup();
      const store = createMemoryStore();
      const checkpoint = (step: ImportStep): void => {
        if (step === failAt) throw new StoreError("injected failure");
      };
      await expect(
        importKeys(context, options(store, { checkpoint, keepPlaintextBackup: true })),
      ).rejects.toThrow("injected failure");
      expect(readFileSync(credentials, "utf8")).toBe(seed);
      expect(existsSync(config)).toBe(false);
      expect(await store.list()).toEqual([]);
      expect(readdirSync(path.dirname(credentials))).toEqual(["credentials"]);
    },
  );

  it("leaves files alone when the store write fails", async () => {
    const { context, credentials, config } = setup();
    const store = {
      ...createMemoryStore(),
      apply: () => Promise.reject(new StoreError("store down")),
    };
    await expect(importKeys(context, options(store))).rejects.toThrow("store down");
    expect(readFileSync(credentials, "utf8")).toBe(seed);
    expect(existsSync(config)).toBe(false);
  });

  it("keeps a 0600 plain-text copy only when asked", async () => {
    const { context, credentials } = setup();
    const result = await importKeys(
      context,
      options(createMemoryStore(), { keepPlaintextBackup: true }),
    );
    const [copy] = result.plaintextBackups;
    expect(copy).toMatch(/credentials\.awsafe-backup-[0-9a-f]{16}$/);
    expect(readFileSync(copy ?? "", "utf8")).toBe(seed);
    expect(statSync(copy ?? "").mode & 0o777).toBe(0o600);
    expect(path.dirname(copy ?? "")).toBe(path.dirname(credentials));
  });

  it("finishes on a rerun after the store was written but no file was, storing nothing twice", async () => {
    const { context, credentials, config } = setup();
    const store = createMemoryStore();
    await importKeys(context, options(store));
    // The state a kill -9 right after the store write leaves: items stored, files untouched.
    writeFileSync(credentials, seed);
    rmSync(config);
    const again = await importKeys(context, options(store));
    expect(again.storedItems).toEqual([]);
    expect(readFileSync(credentials, "utf8")).toBe("# team keys\n[dev]\n");
    expect(readFileSync(config, "utf8")).toContain("credential-process dev");
    expect(await store.list()).toHaveLength(2);
  });
});
