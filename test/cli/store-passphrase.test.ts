// The encrypted file store's passphrase and file permissions: a short passphrase for a new store,
// an empty one, a passphrase file or a store file other users can read.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeKey } from "../support/fake-keys.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";
import { fileStoreEnv, storeFileOf, testPassphrase } from "../support/store-e2e.js";

const noStackTrace = /\n\s+at /;

function addEnv(extra: Record<string, string> = {}): Record<string, string> {
  const key = fakeKey();
  return fileStoreEnv({
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    ...extra,
  });
}

describe("the encrypted store's passphrase", () => {
  it("refuses a passphrase under 8 characters for a new store, with exit 64 and nothing written", () => {
    const home = makeHome();
    const result = runAwsafe(
      ["add", "dev", "--env"],
      home,
      addEnv({ AWSAFE_FILE_PASSPHRASE: "x" }),
    );
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(
      "awsafe: Refusing to create the encrypted store: AWSAFE_FILE_PASSPHRASE has 1 character, fewer than 8",
    );
    expect(result.stderr).toMatch(/^hint: Choose a passphrase of at least 8 characters/m);
    expect(result.stderr).not.toMatch(noStackTrace);
    expect(existsSync(storeFileOf(home))).toBe(false);
    expect(
      runAwsafe(["add", "dev", "--env"], home, addEnv({ AWSAFE_FILE_PASSPHRASE: "8 chars!" }))
        .status,
    ).toBe(0);
  });

  it("takes an empty passphrase for a usage error (64)", () => {
    const home = makeHome();
    const file = join(home, "passphrase");
    writeFileSync(file, "\n", { mode: 0o600 });
    const env = addEnv({ AWSAFE_FILE_PASSPHRASE: "", AWSAFE_FILE_PASSPHRASE_FILE: file });
    const result = runAwsafe(["add", "dev", "--env"], home, env);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(`the first line of ${file} is an empty passphrase`);
    expect(existsSync(storeFileOf(home))).toBe(false);
  });

  it("refuses a passphrase file other users can read, as ssh refuses such a key", () => {
    const home = makeHome();
    const file = join(home, "passphrase");
    writeFileSync(file, `${testPassphrase}\n`);
    chmodSync(file, 0o644);
    const env = addEnv({ AWSAFE_FILE_PASSPHRASE: "", AWSAFE_FILE_PASSPHRASE_FILE: file });
    const refused = runAwsafe(["add", "dev", "--env"], home, env);
    expect(refused.status).toBe(69);
    expect(refused.stderr).toContain(
      `awsafe: Refusing to use AWSAFE_FILE_PASSPHRASE_FILE ${file}: other users can access it (mode 644)`,
    );
    expect(refused.stderr).toContain(`hint: Run \`chmod 600 ${file}\``);
    expect(refused.stderr).not.toContain(testPassphrase);
    chmodSync(file, 0o600);
    expect(runAwsafe(["add", "dev", "--env"], home, env).status).toBe(0);
  });
});

describe("the encrypted store file's permissions", () => {
  it("refuses a store file of mode 0644, saying how to fix it", () => {
    const home = makeHome();
    expect(runAwsafe(["add", "dev", "--env"], home, addEnv()).status).toBe(0);
    const store = storeFileOf(home);
    const before = readFileSync(store);
    chmodSync(store, 0o644);
    const refused = runAwsafe(["remove", "dev", "--force"], home, fileStoreEnv());
    expect(refused.status).toBe(69);
    expect(refused.stderr).toContain(
      `awsafe: Refusing to use the encrypted store ${store}: other users can access it (mode 644)`,
    );
    expect(refused.stderr).toContain(`hint: Run \`chmod 600 ${store}\``);
    expect(readFileSync(store).equals(before)).toBe(true);
    const listed = runAwsafe(["list"], home, fileStoreEnv());
    expect(listed.status).toBe(0);
    expect(listed.stderr).toContain("other users can access it (mode 644)");
    chmodSync(store, 0o600);
    expect(runAwsafe(["remove", "dev", "--force"], home, fileStoreEnv()).status).toBe(0);
  });
});
