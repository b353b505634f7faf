// What the file store loads when: a store with no file yet is read (`awsafe list`, every command
// that looks a key up) without age, the lock or the atomic write (and its node:crypto); the
// first write loads them.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it, onTestFinished, vi } from "vitest";
import { openEncryptedFileStore } from "./encrypted-file-store.js";

const loaded = vi.hoisted(() => new Set<string>());
vi.mock("age-encryption", (importOriginal) => {
  loaded.add("age-encryption");
  return importOriginal();
});
vi.mock("./file-lock.js", (importOriginal) => {
  loaded.add("file-lock");
  return importOriginal();
});
vi.mock("../../atomic-write.js", (importOriginal) => {
  loaded.add("atomic-write");
  return importOriginal();
});

it("reads a store with no file without loading age, the lock or the atomic write", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "awsafe-loading-"));
  onTestFinished(() => rm(dir, { recursive: true }));
  const store = await openEncryptedFileStore({
    file: path.join(dir, "store.age"),
    passphrase: () => Promise.resolve("TEST-passphrase"),
    workFactor: 10,
  });
  const ref = { kind: "long-term", name: "dev" } as const;
  expect(await store.list()).toEqual([]);
  expect(await store.get(ref)).toBeUndefined();
  expect([...loaded]).toEqual([]);

  await store.put(ref, { accessKeyId: "AKIAEXAMPLETEST00001", secretAccessKey: "fake-TEST" });
  expect([...loaded].sort()).toEqual(["age-encryption", "atomic-write", "file-lock"]);
});
