// Counts decryptions (each one an scrypt derivation) to pin down the hot-path seam: an open
// handle serves reads from memory and decrypts again only when the file changed. A derivation
// runs off the calling thread, as the agent needs: it answers its other clients meanwhile.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type * as AgeCrypto from "./age-crypto.js";
import { openEncryptedFileStore } from "./encrypted-file-store.js";

const counts = vi.hoisted(() => ({ decrypt: 0, encrypt: 0 }));
vi.mock("./age-crypto.js", async (importOriginal) => {
  const real = await importOriginal<typeof AgeCrypto>();
  return {
    decryptWithPassphrase: (...args: Parameters<typeof real.decryptWithPassphrase>) => {
      counts.decrypt++;
      return real.decryptWithPassphrase(...args);
    },
    encryptWithPassphrase: (...args: Parameters<typeof real.encryptWithPassphrase>) => {
      counts.encrypt++;
      return real.encryptWithPassphrase(...args);
    },
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "awsafe-kdf-"));
  counts.decrypt = counts.encrypt = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true });
});

const open = (file: string) =>
  openEncryptedFileStore({
    file,
    passphrase: () => Promise.resolve("TEST-passphrase"),
    workFactor: 10,
  });
const ref = { kind: "long-term", name: "dev" } as const;
const value = { accessKeyId: "AKIAEXAMPLETEST00001", secretAccessKey: "fake-TEST" };

it("pays one decryption at open, none per read, one per write, one after another process wrote", async () => {
  const file = path.join(dir, "s", "store.age");
  await (await open(file)).put(ref, value);
  counts.decrypt = counts.encrypt = 0;

  const agent = await open(file);
  expect(counts).toEqual({ decrypt: 1, encrypt: 0 });
  for (let i = 0; i < 20; i++) expect(await agent.get(ref)).toEqual(value);
  await agent.list();
  expect(counts).toEqual({ decrypt: 1, encrypt: 0 });

  await agent.put({ ...ref, name: "b" }, value);
  expect(counts).toEqual({ decrypt: 1, encrypt: 1 });
  await agent.get(ref);
  expect(counts).toEqual({ decrypt: 1, encrypt: 1 });

  await agent.apply([
    { op: "put", item: { ref: { ...ref, name: "c" }, value } },
    { op: "put", item: { ref: { ...ref, name: "d" }, value } },
    { op: "delete", ref: { ...ref, name: "b" } },
  ]);
  expect(counts).toEqual({ decrypt: 1, encrypt: 2 });

  const other = await open(file);
  await other.delete(ref);
  expect(counts).toEqual({ decrypt: 2, encrypt: 3 });
  expect(await agent.get(ref)).toBeUndefined();
  expect(counts).toEqual({ decrypt: 3, encrypt: 3 });
});

it("says when an unlock's derivation starts, while it runs: the agent loads STS's client then", async () => {
  const file = path.join(dir, "s", "store.age");
  await (await open(file)).put(ref, value);
  const events: string[] = [];
  const opened = openEncryptedFileStore({
    file,
    passphrase: () => Promise.resolve("TEST-passphrase"),
    workFactor: 10,
    onDerivation: () => events.push("derivation started"),
  }).then((store) => {
    events.push("unlocked");
    return store;
  });
  expect(await (await opened).get(ref)).toEqual(value);
  expect(events).toEqual(["derivation started", "unlocked"]);
});

it("keeps the event loop turning while the derivation runs: the agent says `accepted` meanwhile", async () => {
  // 2^16: a derivation of some tens of milliseconds, long enough for many turns of the loop. A
  // derivation on the calling thread (age-encryption's own) ends before the loop turns once, and
  // the unlock is then settled before the first turn.
  const slow = (onDerivation?: () => void) =>
    openEncryptedFileStore({
      file: path.join(dir, "slow.age"),
      passphrase: () => Promise.resolve("TEST-passphrase"),
      workFactor: 16,
      onDerivation,
    });
  await (await slow()).put(ref, value);
  let unlocked = false;
  let turns = 0;
  const turn = () => {
    if (unlocked) return;
    turns++;
    setImmediate(turn);
  };
  const store = await slow(() => setImmediate(turn));
  unlocked = true;
  expect(await store.get(ref)).toEqual(value);
  expect(turns).toBeGreaterThan(1);
});
