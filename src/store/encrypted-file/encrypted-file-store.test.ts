import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAge } from "../../../test/store/age-cli.js";
import { bundleForChild } from "../../../test/store/bundle-for-child.js";
import { describeWithRealThing, missingCommands } from "../../../test/store/real-thing.js";
import { repoRoot } from "../../../test/store/repo-root.js";
import { StoreError } from "../../errors.js";
import { describeStoreContract } from "../contract.test-suite.js";
import { openEncryptedFileStore } from "./encrypted-file-store.js";
import type { EncryptedFileStore } from "./encrypted-file-store.js";
import type { PassphrasePurpose } from "./passphrase.js";

const run = promisify(execFile);
const passphrase = "correct-TEST-passphrase";
// Work factor 10 keeps tests fast; the format is the same as at 18.
const workFactor = 10;
const key = { kind: "long-term", name: "dev" } as const;
const value = { accessKeyId: "AKIAEXAMPLETEST00001", secretAccessKey: "fake-secret-TEST-value" };

/** The file with one bit of its last payload chunk flipped. */
function flipByte(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(copy.length - 5) ^ 1, copy.length - 5);
  return copy;
}

const open = (file: string, phrase = passphrase): Promise<EncryptedFileStore> =>
  openEncryptedFileStore({ file, passphrase: () => Promise.resolve(phrase), workFactor });

describeStoreContract("encrypted file", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "awsafe-file-store-"));
  const file = path.join(dir, "store", "store.age");
  return {
    store: await open(file),
    openAnother: () => open(file),
    cleanup: () => rm(dir, { recursive: true }),
  };
});

describe("encrypted file store", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "awsafe-file-store-"));
    file = path.join(dir, "awsafe", "store.age");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true });
  });

  it("writes a 0600 age file in a 0700 directory, without the secret in clear", async () => {
    await (await open(file)).put(key, value);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 40).toString()).toMatch(/^age-encryption\.org\/v1\n-> scrypt /);
    expect(bytes.includes(value.secretAccessKey)).toBe(false);
    expect(bytes.includes(value.accessKeyId)).toBe(false);
  });

  it("asks for the passphrase once: to create a new file, or to unlock an existing one", async () => {
    const asked: PassphrasePurpose[] = [];
    const provider = (purpose: PassphrasePurpose): Promise<string> => {
      asked.push(purpose);
      return Promise.resolve(passphrase);
    };
    const first = await openEncryptedFileStore({ file, passphrase: provider, workFactor });
    expect(asked).toEqual([]);
    await first.put(key, value);
    await first.put({ ...key, name: "other" }, value);
    expect(await first.get(key)).toEqual(value);
    expect(asked).toEqual(["create"]);
    const second = await openEncryptedFileStore({ file, passphrase: provider, workFactor });
    expect(asked).toEqual(["create", "unlock"]);
    expect(await second.list()).toHaveLength(2);
    second.forget();
    expect(await second.get(key)).toEqual(value);
    expect(asked).toEqual(["create", "unlock", "unlock"]);
  });

  it("refuses a wrong passphrase with StoreError 69 and a hint, and changes nothing", async () => {
    await (await open(file)).put(key, value);
    const before = await readFile(file);
    const error = await open(file, "wrong-TEST-passphrase").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      exitCode: 69,
      message: `Cannot unlock ${file}: wrong passphrase`,
    });
    expect(error instanceof StoreError ? error.hint : undefined).toMatch(
      /AWSAFE_FILE_PASSPHRASE.*nothing was changed/,
    );
    expect(String(error)).not.toContain("wrong-TEST-passphrase");
    expect(await readFile(file)).toEqual(before);
  });

  it.each([
    ["a flipped payload byte", flipByte],
    ["a truncated file", (b: Buffer) => b.subarray(0, b.length - 20)],
    ["a cut-off header", (b: Buffer) => b.subarray(0, 40)],
    ["an altered header MAC", (b: Buffer) => Buffer.from(b.toString("latin1").replace(/\n--- (.)/, (_, c: string) => `\n--- ${c === "A" ? "B" : "A"}`), "latin1")], // prettier-ignore
    [
      "a file that is not age",
      () => Buffer.from("[default]\naws_access_key_id = AKIAEXAMPLETEST\n"),
    ],
  ])("detects %s and never overwrites it", async (_, damage) => {
    const writer = await open(file);
    await writer.put(key, value);
    const damaged = damage(await readFile(file));
    await writeFile(file, damaged);
    const error = await open(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toMatch(/damaged or was tampered with/);
    await expect(writer.put({ ...key, name: "new" }, value)).rejects.toThrow(
      /damaged or was tampered with/,
    );
    await expect(writer.delete(key)).rejects.toThrow(StoreError);
    expect(await readFile(file)).toEqual(damaged);
  });

  it("refuses to write into a directory other users can enter", async () => {
    await mkdir(path.dirname(file), { mode: 0o755 });
    await chmod(path.dirname(file), 0o755);
    await expect((await open(file)).put(key, value)).rejects.toThrow(
      /other users can access it \(mode 755\)/,
    );
  });

  it("refuses a store file other users can read, naming the chmod that fixes it", async () => {
    await (await open(file)).put(key, value);
    await chmod(file, 0o644);
    const error = await open(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toMatch(/other users can access it \(mode 644\)/);
    expect(error).toMatchObject({
      hint: expect.stringContaining(`chmod 600 ${file}`) as unknown,
    });
    await chmod(file, 0o600);
    expect(await (await open(file)).get(key)).toEqual(value);
  });

  it("re-reads the file when another handle rewrote it", async () => {
    const reader = await open(file);
    expect(await reader.get(key)).toBeUndefined();
    await (await open(file)).put(key, value);
    expect(await reader.get(key)).toEqual(value);
    await rm(file);
    expect(await reader.list()).toEqual([]);
  });

  it("loses no write when several processes write at once", async () => {
    const child = await bundleForChild(path.join(repoRoot, "test/store/file-writer-child.ts"));
    const env = { ...process.env, TEST_STORE_PASSPHRASE: passphrase };
    await Promise.all(
      ["p1", "p2", "p3"].map((prefix) =>
        run(process.execPath, [child, file, prefix, "4"], { env }),
      ),
    );
    const names = (await (await open(file)).list()).map((ref) => ref.name);
    expect(names).toEqual(["p1", "p2", "p3"].flatMap((p) => [0, 1, 2, 3].map((i) => `${p}-${i}`)));
  });
});

const ageMissing = await missingCommands("age", "script");
describeWithRealThing("encrypted file and the age CLI", ageMissing, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "awsafe-age-cli-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true });
  });

  it("is decrypted by `age -d` with the passphrase", async () => {
    const file = path.join(dir, "store", "store.age");
    await (await open(file)).put(key, value);
    const out = path.join(dir, "plain.json");
    const result = await runAge(["-d", "-o", out, file], passphrase);
    expect(result.code, result.output).toBe(0);
    const document: unknown = JSON.parse(await readFile(out, "utf8"));
    expect(document).toEqual({
      awsafe: "secret-store",
      version: 1,
      items: { "dev/long-term": value },
    });
  });

  // age -p always derives at 2^18 (~1.5 s each, slower on a busy 2-core machine).
  it(
    "reads a store file written by `age -p` (binary and armored)",
    { timeout: 120_000 },
    async () => {
      const plain = path.join(dir, "plain.json");
      const items = {
        "dev/long-term": value,
        "corp%2Fsso/sso-token": { accessToken: "fake-TEST", expiresAt: "e" },
      };
      await writeFile(plain, JSON.stringify({ awsafe: "secret-store", version: 1, items }));
      for (const armor of [[], ["-a"]]) {
        const file = path.join(dir, `by-age${armor.join("")}.age`);
        const result = await runAge(["-p", ...armor, "-o", file, plain], passphrase);
        expect(result.code, result.output).toBe(0);
        // age writes with the umask (0644); awsafe refuses a store others can read.
        await chmod(file, 0o600);
        const store = await open(file);
        expect(await store.get(key)).toEqual(value);
        expect(await store.list()).toEqual([{ kind: "sso-token", name: "corp/sso" }, key]);
      }
      // One wrong-passphrase check is enough: each costs an scrypt derivation at age's factor 18.
      const error = await open(path.join(dir, "by-age.age"), "wrong-TEST-passphrase").catch(
        (e: unknown) => e,
      );
      expect(String(error)).toMatch(/wrong passphrase/);
    },
  );
});
