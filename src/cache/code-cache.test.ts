import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCommonJs } from "./code-cache.js";
import { saveCodeCache } from "./save-code-cache.js";

/** A CommonJS file that reports what it was run with, and a slot for its cache. */
function fixture(source?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "awsafe-code-cache-"));
  const file = path.join(dir, "script.cjs");
  writeFileSync(
    file,
    source ??
      [
        "const { sep } = require('node:path');",
        "function twice(n) { return n * 2; }",
        "globalThis.codeCacheSeen = { twice: twice(21), sep, file: __filename, dir: __dirname, self: this === exports };",
        "module.exports = { loaded: true };",
      ].join("\n"),
  );
  const slot = { file: path.join(dir, "cache", "code", "script"), key: "test key 1" };
  return { dir, file, slot, require: createRequire(file) };
}

declare global {
  var codeCacheSeen: unknown;
}

describe("runCommonJs and saveCodeCache", () => {
  it("run a file as Node's loader would, from its saved code the second time", () => {
    const { dir, file, slot, require } = fixture();
    const first = runCommonJs(file, require, slot);
    expect(first.fromCache).toBe(false);
    expect(globalThis.codeCacheSeen).toEqual({ twice: 42, sep: "/", file, dir, self: true });
    expect(saveCodeCache(first, slot)).toBeUndefined();
    expect(readFileSync(slot.file, "latin1").startsWith("test key 1\n")).toBe(true);
    globalThis.codeCacheSeen = undefined;
    const second = runCommonJs(file, require, slot);
    expect(second.fromCache).toBe(true);
    expect(globalThis.codeCacheSeen).toEqual({ twice: 42, sep: "/", file, dir, self: true });
  });

  it("compile afresh under another key, for another source, or from a cache others may write", () => {
    const { file, slot, require } = fixture();
    saveCodeCache(runCommonJs(file, require, slot), slot);
    expect(runCommonJs(file, require, { ...slot, key: "test key 2" }).fromCache).toBe(false);
    writeFileSync(file, `${readFileSync(file, "utf8")}\n// another build`);
    expect(runCommonJs(file, require, slot).fromCache).toBe(false);
    saveCodeCache(runCommonJs(file, require, slot), slot);
    expect(runCommonJs(file, require, slot).fromCache).toBe(true);
    chmodSync(slot.file, 0o666);
    expect(runCommonJs(file, require, slot).fromCache).toBe(false);
  });

  it("throw what the file throws, and say why a cache cannot be written", () => {
    const { file, slot, require } = fixture("throw new Error('from the script');");
    expect(() => runCommonJs(file, require, slot)).toThrow("from the script");
    const { file: other, dir, require: otherRequire } = fixture();
    writeFileSync(path.join(dir, "cache"), "a file where the directory should be");
    const run = runCommonJs(other, otherRequire, { file: path.join(dir, "cache", "x"), key: "k" });
    expect(saveCodeCache(run, { file: path.join(dir, "cache", "x"), key: "k" })).toMatch(
      /EEXIST|ENOTDIR/,
    );
  });

  // 20 cold calls at once all end with no cache: one writes it, not each.
  it("write nothing when another run made the cache meanwhile, or is writing it now", () => {
    const { file, slot, require } = fixture();
    const early = runCommonJs(file, require, slot);
    const late = runCommonJs(file, require, slot);
    expect(saveCodeCache(early, slot)).toBeUndefined();
    const made = statSync(slot.file);
    expect(saveCodeCache(late, slot)).toBeUndefined();
    expect(statSync(slot.file).ino).toBe(made.ino);

    const other = fixture();
    const run = runCommonJs(other.file, other.require, other.slot);
    saveCodeCache(runCommonJs(other.file, other.require, { ...other.slot, key: "x" }), {
      ...other.slot,
      key: "x",
    });
    // A writer that is running (this test's parent process) has its temporary file there.
    const writing = path.join(
      path.dirname(other.slot.file),
      `.script.awsafe-tmp-${String(process.ppid)}-0123abcd`,
    );
    writeFileSync(writing, "");
    expect(saveCodeCache(run, other.slot)).toBeUndefined();
    expect(readFileSync(other.slot.file, "latin1").startsWith("x\n")).toBe(true);
  });

  it("replace a cache V8 refused, and one made for another key", () => {
    const { file, slot, require } = fixture();
    saveCodeCache(runCommonJs(file, require, { ...slot, key: "old" }), { ...slot, key: "old" });
    const otherKey = runCommonJs(file, require, slot);
    expect(saveCodeCache(otherKey, slot)).toBeUndefined();
    expect(runCommonJs(file, require, slot).fromCache).toBe(true);
    // V8 keeps what this process compiled: a new source makes it read the cache.
    writeFileSync(file, `${readFileSync(file, "utf8")}\n// again`);
    writeFileSync(slot.file, `${slot.key}\nnot V8's code`, { mode: 0o600 });
    const refused = runCommonJs(file, require, slot);
    expect(refused.fromCache).toBe(false);
    expect(Buffer.from(refused.readAtStart ?? []).toString("latin1")).toBe("not V8's code");
    expect(saveCodeCache(refused, slot)).toBeUndefined();
    expect(runCommonJs(file, require, slot).fromCache).toBe(true);
  });
});
