import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePassFixture } from "../../../test/store/gpg-home.js";
import type { PassFixture } from "../../../test/store/gpg-home.js";
import { describeWithRealThing, missingCommands } from "../../../test/store/real-thing.js";
import { StoreError } from "../../errors.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { describeStoreContract } from "../contract.test-suite.js";
import { openPassStore } from "./pass-store.js";

const run = promisify(execFile);
const missing = await missingCommands("pass", "gpg", "gpgconf");

describeWithRealThing("pass (real pass and GnuPG)", missing, () => {
  let fixture: PassFixture;
  beforeAll(async () => {
    fixture = await makePassFixture();
  });
  afterAll(async () => {
    await fixture.cleanup();
  });

  let counter = 0;
  describeStoreContract("pass", () => {
    // One GPG key for the file, a fresh folder per test.
    const prefix = `awsafe-${++counter}`;
    const open = (): Promise<SecretStore> =>
      openPassStore({ storeDir: fixture.storeDir, env: fixture.env, prefix });
    return open().then((store) => ({ store, openAnother: open, cleanup: () => Promise.resolve() }));
  });

  it("keeps entries where `pass show` finds them, encrypted, and no secret in argv", async () => {
    const store = await openPassStore({ storeDir: fixture.storeDir, env: fixture.env });
    const value = { accessKeyId: "AKIAEXAMPLETEST00005", secretAccessKey: "fake-secret-TEST-pass" };
    await store.put({ kind: "long-term", name: "team/dev" }, value);
    const { stdout } = await run("pass", ["show", "awsafe/team%2Fdev/long-term"], {
      env: fixture.env,
    });
    expect(JSON.parse(stdout)).toEqual(value);
    const file = path.join(fixture.storeDir, "awsafe", "team%2Fdev", "long-term.gpg");
    expect((await readFile(file)).includes(value.secretAccessKey)).toBe(false);
  });

  it("never creates files outside its folder, whatever the profile name", async () => {
    const store = await openPassStore({
      storeDir: fixture.storeDir,
      env: fixture.env,
      prefix: "escape-test",
    });
    await store.put(
      { kind: "long-term", name: "../../outside" },
      { accessKeyId: "AKIAEXAMPLETEST", secretAccessKey: "fake-TEST" },
    );
    const top = await readdir(fixture.storeDir);
    expect(top).not.toContain("outside.gpg");
    expect(await readdir(path.join(fixture.storeDir, "escape-test"))).toEqual([
      "%2E.%2F..%2Foutside",
    ]);
  });

  it("fails with StoreError when the store is not initialized", async () => {
    const store = await openPassStore({
      storeDir: path.join(fixture.storeDir, "..", "uninitialized"),
      env: fixture.env,
    });
    await expect(
      store.put(
        { kind: "long-term", name: "x" },
        { accessKeyId: "AKIAEXAMPLETEST", secretAccessKey: "fake-TEST" },
      ),
    ).rejects.toThrow(/not initialized \(no \.gpg-id\)/);
  });

  it("fails with StoreError when gpg cannot decrypt", async () => {
    const store = await openPassStore({
      storeDir: fixture.storeDir,
      env: fixture.env,
      prefix: "nokey",
    });
    await store.put(
      { kind: "long-term", name: "x" },
      { accessKeyId: "AKIAEXAMPLETEST", secretAccessKey: "fake-TEST" },
    );
    const stranger = await openPassStore({
      storeDir: fixture.storeDir,
      env: { ...fixture.env, GNUPGHOME: path.join(fixture.storeDir, "..", "empty-gnupg") },
      prefix: "nokey",
    });
    const error = await stranger.get({ kind: "long-term", name: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toMatch(
      /Cannot read nokey\/x\/long-term from the pass store .*: pass exited with 2/,
    );
  });
});

describe("pass store without pass", () => {
  it("says pass is not installed, with a hint", async () => {
    const storeDir = await mkdtemp(path.join(tmpdir(), "awsafe-nopass-"));
    try {
      await writeFile(path.join(storeDir, ".gpg-id"), "0000000000000000\n");
      const store = await openPassStore({ storeDir, env: { PATH: path.join(storeDir, "no-bin") } });
      const ref = { kind: "long-term", name: "x" } as const;
      const error = await store
        .put(ref, { accessKeyId: "AKIAEXAMPLETEST", secretAccessKey: "fake-TEST" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({
        message: "Cannot run `pass`: it is not installed or not on PATH",
        exitCode: 69,
      });
    } finally {
      await rm(storeDir, { recursive: true });
    }
  });
});
