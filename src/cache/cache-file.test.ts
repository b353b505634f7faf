import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCacheFile, writeCacheFile } from "./cache-file.js";

const root = process.getuid?.() === 0;

/** What readCacheFile returned, as text. */
function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString("utf8");
}

function cacheDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "awsafe-cache-")), "cache", "awsafe");
}

describe("writeCacheFile and readCacheFile", () => {
  it("write a 0600 file in a 0700 directory, read back under the same header only", () => {
    const file = path.join(cacheDir(), "entry");
    expect(writeCacheFile(file, "key 1", [Buffer.from("body\nlines\n")])).toBeUndefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, "utf8")).toBe("key 1\nbody\nlines\n");
    expect(text(readCacheFile(file, "key 1"))).toBe("body\nlines\n");
    expect(readCacheFile(file, "key 2")).toBeUndefined();
    expect(readCacheFile(file, "key")).toBeUndefined();
    expect(readCacheFile(`${file}-missing`, "key 1")).toBeUndefined();
  });

  it("read a header that is not ASCII, and nothing from a file shorter than the header", () => {
    const file = path.join(cacheDir(), "entry");
    writeCacheFile(file, "clé ✓", [Buffer.from("body")]);
    expect(text(readCacheFile(file, "clé ✓"))).toBe("body");
    expect(readCacheFile(file, "cle ✓")).toBeUndefined();
    expect(readCacheFile(file, "clé ✓ and more than the file holds")).toBeUndefined();
    writeCacheFile(file, "key", []);
    expect(text(readCacheFile(file, "key"))).toBe("");
    expect(readCacheFile(file, "key and more")).toBeUndefined();
  });

  it("ignore a file others may read or write, and a symlink in its place", () => {
    const file = path.join(cacheDir(), "entry");
    writeCacheFile(file, "key", [Buffer.from("body")]);
    chmodSync(file, 0o644);
    expect(readCacheFile(file, "key")).toBeUndefined();
    chmodSync(file, 0o600);
    symlinkSync(file, `${file}-link`);
    expect(readCacheFile(`${file}-link`, "key")).toBeUndefined();
    expect(text(readCacheFile(file, "key"))).toBe("body");
  });

  it("ignore a file in a directory others may write, and make awsafe's directory 0700 again", () => {
    const file = path.join(cacheDir(), "entry");
    writeCacheFile(file, "key", [Buffer.from("body")]);
    chmodSync(path.dirname(file), 0o777);
    expect(readCacheFile(file, "key")).toBeUndefined();
    expect(writeCacheFile(file, "key", [Buffer.from("new")])).toBeUndefined();
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(text(readCacheFile(file, "key"))).toBe("new");
  });

  it.skipIf(!root)("ignores a file another user owns, and writes a file of its own", () => {
    const file = path.join(cacheDir(), "entry");
    writeCacheFile(file, "key", [Buffer.from("body")]);
    chownSync(file, 12345, 12345);
    expect(readCacheFile(file, "key")).toBeUndefined();
    chownSync(file, 0, 0);
    expect(text(readCacheFile(file, "key"))).toBe("body");
  });

  it("say why they cannot write, without throwing", () => {
    const dir = cacheDir();
    mkdirSync(path.dirname(dir), { recursive: true });
    writeFileSync(dir, "a file where the directory should be");
    expect(writeCacheFile(path.join(dir, "entry"), "key", [Buffer.from("body")])).toMatch(
      /ENOTDIR|EEXIST/,
    );
    const other = cacheDir();
    mkdirSync(path.join(other, "entry"), { recursive: true });
    expect(writeCacheFile(path.join(other, "entry"), "key", [Buffer.from("body")])).toBeDefined();
    expect(readCacheFile(path.join(other, "entry"), "key")).toBeUndefined();
  });

  it.skipIf(root)("say why they cannot write in a read-only directory", () => {
    const file = path.join(cacheDir(), "entry");
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o500 });
    expect(writeCacheFile(file, "key", [Buffer.from("body")])).toMatch(/EACCES/);
  });
});
