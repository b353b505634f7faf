import { spawnSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomically } from "./atomic-write.js";
import {
  isBeingWritten,
  removeLeftoverTemps,
  tempName,
  writeFileAtomicallySync,
} from "./atomic-write-sync.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "awsafe-atomic-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (and was reaped): a dead writer's. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

let made = 0;

/** A leftover temporary file of `name` by `pid`, `ageMs` old. */
function leftover(name: string, pid: number, ageMs: number): string {
  const random = (++made).toString(16).padStart(8, "0");
  const file = path.join(dir, `.${name}.awsafe-tmp-${String(pid)}-${random}`);
  writeFileSync(file, "half written");
  const then = new Date(Date.now() - ageMs);
  utimesSync(file, then, then);
  return file;
}

describe("writeFileAtomically", () => {
  it("replaces the file with the given mode, whatever it had, and leaves nothing beside it", async () => {
    const file = path.join(dir, "config");
    writeFileSync(file, "old", { mode: 0o644 });
    await writeFileAtomically(file, "new", { mode: 0o600 });
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["config"]);
  });

  it("writes through a symlink, keeping the link", async () => {
    const target = path.join(dir, "real-config");
    writeFileSync(target, "old");
    symlinkSync(target, path.join(dir, "config"));
    await writeFileAtomically(path.join(dir, "config"), "new", { mode: 0o600 });
    expect(lstatSync(path.join(dir, "config")).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("new");
  });

  it("names its temporary file after the target and its own pid, and removes it when the rename fails", async () => {
    const file = path.join(dir, "config");
    let seen: string[] = [];
    const attempt = writeFileAtomically(file, "new", {
      mode: 0o600,
      beforeRename: () => {
        seen = readdirSync(dir);
        throw new Error("crash here");
      },
    });
    await expect(attempt).rejects.toThrow("crash here");
    expect(seen).toEqual([expect.stringMatching(/^\.config\.awsafe-tmp-\d+-[0-9a-f]{8}$/)]);
    expect(seen[0]).toContain(`-${String(process.pid)}-`);
    expect(readdirSync(dir)).toEqual([]);
    expect(tempName("store.age")).toMatch(/^\.store\.age\.awsafe-tmp-\d+-[0-9a-f]{8}$/);
  });

  it("removes the old temporary files of the same file whose writer died, before writing", async () => {
    const file = path.join(dir, "config");
    const dead = leftover("config", deadPid(), 60_000);
    await writeFileAtomically(file, "new", { mode: 0o600 });
    expect(readdirSync(dir)).toEqual(["config"]);
    expect(() => statSync(dead)).toThrow();
  });
});

describe("removeLeftoverTemps", () => {
  it("removes only awsafe's temporary files of this file, of a dead writer, old enough", () => {
    const file = path.join(dir, "config");
    const pid = deadPid();
    const gone = leftover("config", pid, 60_000);
    const kept = [
      leftover("config", pid, 1_000), // too young: may be a writer we cannot see
      leftover("config", process.pid, 60_000), // this very process
      leftover("config", 1, 60_000), // a live process (init)
      leftover("credentials", pid, 60_000), // another file's
    ];
    writeFileSync(path.join(dir, "config.3967479419"), "write-file-atomic's: unrecognisable");
    writeFileSync(path.join(dir, ".config.awsafe-tmp-x"), "not our pattern");
    expect(removeLeftoverTemps(file, 30_000)).toEqual([gone]);
    for (const file of kept) expect(statSync(file).isFile()).toBe(true);
    expect(readdirSync(dir)).toHaveLength(kept.length + 2);
  });

  it("with no minimum age (a writer holding the file's lock) removes a dead writer's file at once", () => {
    const young = leftover("store.age", deadPid(), 0);
    expect(removeLeftoverTemps(path.join(dir, "store.age"), 0)).toEqual([young]);
  });
});

describe("writeFileAtomicallySync", () => {
  it("replaces the file with its parts in the given mode, clearing dead writers' leftovers", () => {
    const file = path.join(dir, "entry");
    writeFileSync(file, "old", { mode: 0o644 });
    const dead = leftover("entry", deadPid(), 60_000);
    writeFileAtomicallySync(
      file,
      () => [Buffer.from("new "), new Uint8Array([0x62, 0x79, 0x74, 0x65])],
      0o600,
    );
    expect(readFileSync(file, "utf8")).toBe("new byte");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["entry"]);
    expect(() => statSync(dead)).toThrow();
  });

  it("makes its parts once its temporary file is there", () => {
    const file = path.join(dir, "entry");
    let seen: string[] = [];
    writeFileAtomicallySync(
      file,
      () => {
        seen = readdirSync(dir);
        return [Buffer.from("made late")];
      },
      0o600,
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\.entry\.awsafe-tmp-/);
    expect(readFileSync(file, "utf8")).toBe("made late");
    expect(readdirSync(dir)).toEqual(["entry"]);
  });

  it("leaves the old file and no temporary one when it cannot rename", () => {
    const file = path.join(dir, "entry");
    mkdirSync(file);
    writeFileSync(path.join(file, "inside"), "kept");
    expect(() => {
      writeFileAtomicallySync(file, () => [Buffer.from("new")], 0o600);
    }).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(["entry"]);
    expect(readFileSync(path.join(file, "inside"), "utf8")).toBe("kept");
  });
});

describe("isBeingWritten", () => {
  it("is true while another live process has a temporary file of this file", () => {
    const file = path.join(dir, "entry");
    expect(isBeingWritten(file)).toBe(false);
    leftover("entry", deadPid(), 0);
    leftover("entry", process.pid, 0);
    leftover("other", 1, 0);
    expect(isBeingWritten(file)).toBe(false);
    leftover("entry", 1, 0);
    expect(isBeingWritten(file)).toBe(true);
    expect(isBeingWritten(path.join(dir, "missing", "entry"))).toBe(false);
  });
});
