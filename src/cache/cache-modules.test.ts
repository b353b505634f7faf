import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheModulesUnder } from "./cache-modules.js";
import { saveModuleCaches } from "./save-code-cache.js";

describe("cacheModulesUnder and saveModuleCaches", () => {
  it("run the files under a directory from caches of their own, made as the run ends", () => {
    const root = mkdtempSync(path.join(tmpdir(), "awsafe-cache-modules-"));
    const dir = path.join(root, "cli");
    mkdirSync(path.join(dir, "chunks"), { recursive: true });
    writeFileSync(
      path.join(dir, "main.js"),
      "const { b } = require('./chunks/b.js'); module.exports = { a: b + 1, file: __filename, self: this === exports, outside: require('../outside.js') };",
    );
    writeFileSync(path.join(dir, "chunks", "b.js"), "exports.b = 41;");
    writeFileSync(path.join(root, "outside.js"), "module.exports = 'outside';");
    const codeDir = path.join(root, "cache", "code");
    const slotDir = path.join(codeDir, "cli-0123456789abcdef");
    const otherBuild = path.join(codeDir, "cli-fedcba9876543210");
    const notOurs = path.join(codeDir, "cli-notabuild");
    mkdirSync(otherBuild, { recursive: true });
    mkdirSync(notOurs);

    const fresh = cacheModulesUnder(dir, slotDir, "test key");
    const loaded = createRequire(path.join(root, "x.js"))("./cli/main.js") as unknown;
    const main = path.join(dir, "main.js");
    expect(loaded).toEqual({ a: 42, file: main, self: true, outside: "outside" });
    // The file outside the directory loads as Node would.
    expect(fresh.map(({ slot }) => path.basename(slot.file))).toEqual(["chunks_b.js", "main.js"]);

    saveModuleCaches(fresh, slotDir);
    const cache = path.join(slotDir, "main.js");
    expect(readFileSync(cache, "latin1").startsWith("test key main.js\n")).toBe(true);
    expect(readFileSync(path.join(slotDir, "chunks_b.js"), "latin1")).toMatch(
      /^test key chunks\/b\.js\n/,
    );
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(statSync(slotDir).mode & 0o777).toBe(0o700);
    expect(existsSync(otherBuild)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
  });
});
