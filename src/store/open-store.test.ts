import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { encryptedStoreFile } from "./encrypted-store-file.js";
import { openStore } from "./open-store.js";

const base = {
  platform: process.platform,
  homeDir: "/nonexistent-home",
  env: {},
  passphrase: () => Promise.resolve("TEST-passphrase"),
  fileWorkFactor: 10,
};

it("opens the encrypted file store at <dataDir>/store.age", async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "awsafe-open-"));
  try {
    const store = await openStore({ ...base, backend: "file", dataDir });
    expect(store).toMatchObject({ backend: "file", location: encryptedStoreFile(dataDir) });
    await store.put(
      { kind: "long-term", name: "p" },
      { accessKeyId: "AKIAEXAMPLETEST", secretAccessKey: "fake-TEST" },
    );
    expect((await stat(path.join(dataDir, "store.age"))).isFile()).toBe(true);
  } finally {
    await rm(dataDir, { recursive: true });
  }
});

it("opens pass at PASSWORD_STORE_DIR, else ~/.password-store", async () => {
  const pass = await openStore({ ...base, backend: "pass", dataDir: "/unused" });
  expect(pass.location).toBe("the pass store /nonexistent-home/.password-store");
  const custom = await openStore({
    ...base,
    env: { PASSWORD_STORE_DIR: "/x/store" },
    backend: "pass",
    dataDir: "/unused",
  });
  expect(custom.location).toBe("the pass store /x/store");
});

it("opens a memory store", async () => {
  expect((await openStore({ ...base, backend: "memory", dataDir: "/unused" })).backend).toBe(
    "memory",
  );
});
