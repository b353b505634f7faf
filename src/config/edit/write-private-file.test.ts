import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { writePrivateFile } from "./write-private-file.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "awsafe-write-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writePrivateFile", () => {
  it("replaces a file's content and makes it 0600", async () => {
    const file = path.join(dir, "config");
    await writeFile(file, "old", { mode: 0o644 });
    await writePrivateFile(file, "new");
    expect(await readFile(file, "utf8")).toBe("new");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  // Running as root defeats permission tricks, so the failure comes from the rename itself:
  // the temporary file is written in full, then cannot replace a directory.
  it("leaves the target as it was and no temporary file when the final rename fails", async () => {
    const target = path.join(dir, "config");
    await mkdir(target);
    await writeFile(path.join(target, "inside"), "kept");
    await expect(writePrivateFile(target, "new")).rejects.toThrow(ConfigError);
    expect(await readFile(path.join(target, "inside"), "utf8")).toBe("kept");
    expect(await readdir(dir)).toEqual(["config"]);
  });

  it("reports a parent path that is not a directory as a ConfigError with the cause", async () => {
    const notADirectory = path.join(dir, "file");
    await writeFile(notADirectory, "x");
    const attempt = writePrivateFile(path.join(notADirectory, "config"), "new");
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toHaveProperty("cause");
    expect(await readFile(notADirectory, "utf8")).toBe("x");
  });
});
