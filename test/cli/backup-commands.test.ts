// `awsafe backup list|restore|purge`: the copies of the shared files that import keeps in the
// store, which hold every key it moved, until they are purged.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openEncryptedFileStore } from "../../src/store/encrypted-file/encrypted-file-store.js";
import { fakeKey } from "../support/fake-keys.js";
import { makeHome, runAwsafe, type CliRun } from "../support/run-awsafe.js";
import { fileStoreEnv, storeFileOf, testPassphrase } from "../support/store-e2e.js";

const noStackTrace = /\n\s+at /;

/** Every value in a HOME's file store, as one string to search for secrets. */
async function storeContent(home: string): Promise<string> {
  const store = await openEncryptedFileStore({
    file: storeFileOf(home),
    passphrase: () => Promise.resolve(testPassphrase),
  });
  const values: unknown[] = [];
  for (const ref of await store.list()) values.push(await store.get(ref));
  return JSON.stringify(values);
}

function setup(): {
  home: string;
  original: string;
  secrets: string[];
  run: (args: string[]) => CliRun;
} {
  const [dev, prod] = [fakeKey(), fakeKey()];
  const original = [
    "[dev]",
    `aws_access_key_id = ${dev.accessKeyId}`,
    `aws_secret_access_key = ${dev.secretAccessKey}`,
    "[prod]",
    `aws_access_key_id = ${prod.accessKeyId}`,
    `aws_secret_access_key = ${prod.secretAccessKey}`,
    "",
  ].join("\n");
  const home = makeHome({ credentials: original });
  const runs: CliRun[] = [];
  const secrets = [dev.secretAccessKey, prod.secretAccessKey];
  const run = (args: string[]): CliRun => {
    const result = runAwsafe(args, home, fileStoreEnv());
    runs.push(result);
    for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
    expect(result.stderr).not.toMatch(noStackTrace);
    return result;
  };
  expect(run(["import"]).status).toBe(0);
  return { home, original, secrets, run };
}

describe("awsafe backup", () => {
  it("after remove of every profile, names the backup that still holds the keys; purge leaves no secret", async () => {
    const { home, secrets, run } = setup();
    for (const profile of ["dev", "prod"]) {
      const removed = run(["remove", profile, "--force"]);
      expect(removed.status).toBe(0);
      expect(removed.stderr).toMatch(
        /^note: backup "import\/credentials\/[0-9a-f]{16}" \(of .+\/\.aws\/credentials, taken .+\) still holds this key; `awsafe backup purge` deletes the backups$/m,
      );
    }
    const listed = run(["backup", "list"]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^BACKUP +TAKEN +KEYS +SOURCE\\nimport/credentials/[0-9a-f]{16} +\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z +2 +${join(home, ".aws/credentials")}\\n$`,
      ),
    );
    const json = JSON.parse(run(["backup", "list", "--json"]).stdout) as unknown;
    expect(json).toMatchObject({
      backups: [{ keyCount: 2, source: join(home, ".aws/credentials") }],
    });
    for (const secret of secrets) expect(await storeContent(home)).toContain(secret);

    const unasked = run(["backup", "purge"]);
    expect(unasked.status).toBe(64);
    expect(unasked.stderr).toContain("add --force");
    const purged = run(["backup", "purge", "--force"]);
    expect(purged.status).toBe(0);
    expect(purged.stderr).toContain("deleted 1 backup(s)");
    for (const secret of secrets) expect(await storeContent(home)).not.toContain(secret);
    expect(run(["backup", "list"]).stdout).toBe(`no backups in ${storeFileOf(home)}\n`);
  });

  it("restores the original file atomically (0600), refusing one changed since without --force", () => {
    const { home, original, run } = setup();
    const file = join(home, ".aws/credentials");
    const name =
      /^import\/credentials\/[0-9a-f]{16}/m.exec(run(["backup", "list"]).stdout)?.[0] ?? "";
    const imported = readFileSync(file, "utf8");
    writeFileSync(file, `${imported}[later]\nregion = us-east-1\n`);
    const refused = run(["backup", "restore", name]);
    expect(refused.status).toBe(64);
    expect(refused.stderr).toContain("changed since awsafe replaced it; nothing was written");
    expect(refused.stderr).toContain(`awsafe backup restore ${name} --force`);
    expect(readFileSync(file, "utf8")).toContain("[later]");

    writeFileSync(file, imported);
    const restored = run(["backup", "restore", name]);
    expect(restored.status).toBe(0);
    expect(restored.stderr).toContain(`restored ${file} from backup "${name}"`);
    expect(restored.stderr).toContain("holds 2 keys in plain text again");
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run(["backup", "restore", name]).stderr).toContain("already holds backup");
    expect(run(["backup", "restore", "import/credentials/nope"]).status).toBe(64);
  });
});
