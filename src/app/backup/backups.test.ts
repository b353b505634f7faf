import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeKey } from "../../../test/support/fake-keys.js";
import { UsageError } from "../../errors.js";
import type { BackupItem, SecretStore } from "../../ports/secret-store.js";
import { createMemoryStore } from "../../store/memory/memory-store.js";
import { removeStored } from "../store/remove-stored.js";
import { backupsHolding, listBackups } from "./list-backups.js";
import { purgeBackups } from "./purge-backups.js";
import { replacementHash, restoreBackup } from "./restore-backup.js";

const [dev, prod] = [fakeKey(), fakeKey()];
const original = [
  "[dev]",
  `aws_access_key_id = ${dev.accessKeyId}`,
  `aws_secret_access_key = ${dev.secretAccessKey}`,
  "[prod]",
  `AWS_SECRET_ACCESS_KEY: ${prod.secretAccessKey}`,
  `aws_access_key_id = ${prod.accessKeyId}`,
  "",
].join("\n");
const imported = "[dev]\n[prod]\n";

let dir: string;
let file: string;
let store: SecretStore;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "awsafe-backups-"));
  file = path.join(dir, "credentials");
  writeFileSync(file, imported, { mode: 0o600 });
  store = createMemoryStore();
  await putBackup("import/credentials/0000000000000001", {
    source: file,
    takenAt: "2026-01-02T03:04:05.000Z",
    content: original,
    replacedWithSha256: replacementHash(imported),
  });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function putBackup(name: string, value: BackupItem): Promise<void> {
  return store.put({ kind: "backup", name }, value);
}

const yes = (): Promise<boolean> => Promise.resolve(true);

describe("listBackups", () => {
  it("shows each backup's source, time and key count, oldest first, never its content", async () => {
    await putBackup("import/config/0000000000000002", {
      source: path.join(dir, "config"),
      takenAt: "2025-12-31T00:00:00.000Z",
      content: "[profile dev]\nregion = eu-west-1\n",
    });
    expect(await listBackups(store)).toEqual([
      {
        name: "import/config/0000000000000002",
        source: path.join(dir, "config"),
        takenAt: "2025-12-31T00:00:00.000Z",
        keyCount: 0,
      },
      {
        name: "import/credentials/0000000000000001",
        source: file,
        takenAt: "2026-01-02T03:04:05.000Z",
        keyCount: 2,
      },
    ]);
    expect((await backupsHolding(store, prod.secretAccessKey)).map((b) => b.keyCount)).toEqual([2]);
    expect(await backupsHolding(store, fakeKey().secretAccessKey)).toEqual([]);
  });
});

describe("restoreBackup", () => {
  const name = "import/credentials/0000000000000001";

  it("writes the original back (0600) while the file is still what import wrote", async () => {
    const result = await restoreBackup(store, { name, force: false });
    expect(result.outcome).toBe("restored");
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await restoreBackup(store, { name, force: false })).outcome).toBe("unchanged");
  });

  it("refuses to overwrite a file changed since, unless forced", async () => {
    writeFileSync(file, `${imported}[new]\nregion = us-east-1\n`);
    const refused = restoreBackup(store, { name, force: false });
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(/changed since awsafe replaced it/);
    expect(readFileSync(file, "utf8")).toContain("[new]");
    await restoreBackup(store, { name, force: true });
    expect(readFileSync(file, "utf8")).toBe(original);
  });

  it("recreates a missing file, and refuses a backup that cannot tell whether the file changed", async () => {
    rmSync(file);
    await restoreBackup(store, { name, force: false });
    expect(readFileSync(file, "utf8")).toBe(original);
    await putBackup("import/credentials/0000000000000003", {
      source: file,
      takenAt: "2026-01-01T00:00:00.000Z",
      content: "[old]\n",
    });
    const attempt = restoreBackup(store, {
      name: "import/credentials/0000000000000003",
      force: false,
    });
    await expect(attempt).rejects.toThrow(/may have changed/);
  });

  it("names the command that lists the backups for an unknown name", async () => {
    await expect(restoreBackup(store, { name: "nope", force: false })).rejects.toMatchObject({
      hint: expect.stringContaining("awsafe backup list") as unknown,
    });
  });
});

describe("purgeBackups", () => {
  it("deletes every backup after a yes, and nothing after a no", async () => {
    const asked: number[] = [];
    const no = purgeBackups(store, {
      names: [],
      confirm: (backups) => {
        asked.push(backups.length);
        return Promise.resolve(false);
      },
    });
    await expect(no).rejects.toThrow(UsageError);
    expect(await store.list({ kind: "backup" })).toHaveLength(1);
    expect((await purgeBackups(store, { names: [], confirm: yes })).map((b) => b.name)).toEqual([
      "import/credentials/0000000000000001",
    ]);
    expect(asked).toEqual([1]);
    expect(await store.list()).toEqual([]);
    expect(await purgeBackups(store, { names: [], confirm: yes })).toEqual([]);
  });

  it("refuses a name that is not a backup before deleting anything", async () => {
    await expect(purgeBackups(store, { names: ["nope"], confirm: yes })).rejects.toThrow(
      /no backup "nope"/,
    );
    expect(await store.list({ kind: "backup" })).toHaveLength(1);
  });
});

describe("removeStored and the backups", () => {
  it("names the backups that still hold the removed key", async () => {
    await store.put({ kind: "long-term", name: "dev" }, dev);
    const result = await removeStored(store, {
      profile: "dev",
      sessions: false,
      belongs: () => false,
      confirm: yes,
    });
    expect(result.removed).toEqual([{ kind: "long-term", name: "dev" }]);
    expect(result.backupsWithKey.map((b) => b.name)).toEqual([
      "import/credentials/0000000000000001",
    ]);
  });
});
