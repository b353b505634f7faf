import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../errors.js";
import { preparePrivateDir } from "./agent-socket.js";

describe.skipIf(process.platform === "win32")("the agent's socket directory", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "awsafe-socket-dir-"));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("is made 0700 with its parents when missing", () => {
    const dir = path.join(root, "data", "run");
    preparePrivateDir(path.join(dir, "agent.sock"));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("is taken as it is when private", () => {
    const dir = path.join(root, "run");
    mkdirSync(dir, { mode: 0o700 });
    expect(() => {
      preparePrivateDir(path.join(dir, "agent.sock"));
    }).not.toThrow();
  });

  it("is refused when others may enter it, and left as it was", () => {
    const dir = path.join(root, "run");
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(() => {
      preparePrivateDir(path.join(dir, "agent.sock"));
    }).toThrow(StoreError);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it("is refused when it is a symlink, even to a private directory", () => {
    const target = path.join(root, "elsewhere");
    mkdirSync(target, { mode: 0o700 });
    const dir = path.join(root, "run");
    symlinkSync(target, dir);
    expect(() => {
      preparePrivateDir(path.join(dir, "agent.sock"));
    }).toThrow(/not private/);
  });
});
