import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/conformance.js";
import { makeHome, runAwsafe, type CliRun } from "../support/run-awsafe.js";

// `awsafe list` run twice over unchanged files prints the second table from its cache
// (~/.cache/awsafe/list-table): these runs of the built CLI check that the cached run prints
// what an uncached one does, that each change of what the table is made of is seen, and that a
// cache that cannot be used or written is no worse than none. The in-process differential test
// over many configs is src/cli/commands/list/print-profile-table.test.ts.

const example = {
  config: readFileSync(join(repoRoot, "examples/aws/config"), "utf8"),
  credentials: readFileSync(join(repoRoot, "examples/aws/credentials"), "utf8"),
};

// The shared files are written just before each test's runs: awsafe's clock is moved a minute
// on, past the racy window in which it neither makes nor trusts a cache entry.
const clockFile = join(mkdtempSync(join(tmpdir(), "awsafe-clock-")), "offset");
writeFileSync(clockFile, "60\n");
const passphrase = "FAKE-passphrase";
const base = {
  AWSAFE_BACKEND: "file",
  AWSAFE_PROMPT: "none",
  AWSAFE_TEST_FILE_WORK_FACTOR: "10",
  AWSAFE_TEST_CLOCK_OFFSET_FILE: clockFile,
};
const unlocked = { ...base, AWSAFE_FILE_PASSPHRASE: passphrase };
const storedKey = "AKIAFAKETESTAAAAAAAA";

function cacheFile(home: string): string {
  return join(home, ".cache/awsafe/list-table");
}

/** What a run shows: exit code and both streams. */
function shown(run: CliRun): CliRun {
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Whether `list` used its cache: `hit`, `miss`, or `off` when it did not look. */
function cacheUse(home: string, env: Record<string, string>, args: string[] = []): string {
  const run = runAwsafe(["--debug", "list", ...args], home, env);
  return /list cache .*: (hit|miss)$/m.exec(run.stderr)?.[1] ?? "off";
}

/** Checks a cached `list` prints what an uncached one does, and that the cache was used. */
function expectSameCached(home: string, env: Record<string, string>, args: string[] = []): CliRun {
  const off = shown(runAwsafe(["list", ...args], home, { ...env, AWSAFE_LIST_CACHE: "off" }));
  const first = shown(runAwsafe(["list", ...args], home, env));
  expect(cacheUse(home, env, args)).toBe("hit");
  const cached = shown(runAwsafe(["list", ...args], home, env));
  expect(first).toEqual(off);
  expect(cached).toEqual(off);
  return off;
}

function addKey(home: string, profile: string): void {
  const added = runAwsafe(["add", profile, "--env"], home, {
    ...unlocked,
    AWS_ACCESS_KEY_ID: storedKey,
    AWS_SECRET_ACCESS_KEY: "FAKEtestFAKEtestFAKEtestFAKEtestFAKEtest",
  });
  expect(added.status).toBe(0);
}

describe("awsafe list's cache prints what list without it does", () => {
  it("with stored keys, colours, a locked store, --backend, warnings and no profiles", () => {
    const home = makeHome({
      ...example,
      config: `${example.config}\n[profile warned]\nregion = eu-west-1 # Ireland\n`,
    });
    addKey(home, "stored-only");
    addKey(home, "assume-only");
    const table = expectSameCached(home, unlocked);
    expect(table.stdout).toMatch(/^stored-only .* \[stored key \*\*\*\*AAAA\]$/m);
    expect(table.stderr).toMatch(/^warning: .*config:\d+:/m);
    expectSameCached(home, { ...unlocked, FORCE_COLOR: "1" });
    const locked = expectSameCached(home, base);
    expect(locked.stderr).toMatch(/^note: stored keys not shown: .*locked/m);
    expectSameCached(home, { ...base, FORCE_COLOR: "1" });
    expectSameCached(home, unlocked, ["--backend", "file"]);
    expect(expectSameCached(makeHome(), base).stdout).toMatch(/^no profiles/);
  });

  it("never holds a key ID or a secret: not the files' plain-text keys, not the stored keys", () => {
    const home = makeHome(example);
    addKey(home, "assume-only");
    expectSameCached(home, unlocked);
    expectSameCached(home, base);
    const cached = readFileSync(cacheFile(home), "utf8");
    for (const secret of [
      "AKIAIOSFODNN7EXAMPLE",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      storedKey,
      "FAKEtest",
      "****",
      passphrase,
    ]) {
      expect(cached).not.toContain(secret);
    }
  });
});

describe("awsafe list's cache is made again when what the table comes from changes", () => {
  const config = join(".aws", "config");

  it.each([
    [
      "the config file edited at the same size",
      true,
      (home: string) => {
        const file = join(home, config);
        writeFileSync(file, readFileSync(file, "utf8").replace("eu-west-1", "eu-west-2"));
      },
    ],
    [
      "the config file touched",
      false,
      (home: string) => {
        utimesSync(join(home, config), 1, 1);
      },
    ],
    [
      "the config file replaced by a rename",
      true,
      (home: string) => {
        writeFileSync(join(home, ".aws/config.new"), `${example.config}\n[profile new]\n`);
        renameSync(join(home, ".aws/config.new"), join(home, config));
      },
    ],
    [
      "the credentials file deleted",
      true,
      (home: string) => {
        rmSync(join(home, ".aws/credentials"));
      },
    ],
    [
      "a key stored",
      true,
      (home: string) => {
        addKey(home, "readonly-role");
      },
    ],
    [
      "a stored key removed",
      true,
      (home: string) => {
        const removed = runAwsafe(["remove", "stored-only", "--force"], home, unlocked);
        expect(removed.status).toBe(0);
      },
    ],
  ])("%s", (_name, changesTable, change) => {
    const home = makeHome(example);
    addKey(home, "stored-only");
    const before = expectSameCached(home, unlocked);
    change(home);
    expect(cacheUse(home, unlocked)).toBe("miss");
    const after = expectSameCached(home, unlocked);
    expect(after.stdout === before.stdout).toBe(!changesTable);
  });

  it("AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE naming other files", () => {
    const home = makeHome(example);
    const other = join(home, "other-config");
    writeFileSync(other, "[profile elsewhere]\nregion = sa-east-1\n");
    expectSameCached(home, base);
    expect(cacheUse(home, { ...base, AWS_CONFIG_FILE: other })).toBe("miss");
    const elsewhere = expectSameCached(home, { ...base, AWS_CONFIG_FILE: other });
    expect(elsewhere.stdout).toMatch(/^elsewhere +sa-east-1/m);
    expect(cacheUse(home, { ...base, AWS_CONFIG_FILE: other })).toBe("hit");
    expect(
      cacheUse(home, { ...base, AWS_CONFIG_FILE: other, AWS_SHARED_CREDENTIALS_FILE: other }),
    ).toBe("miss");
  });

  it("but neither makes nor trusts an entry for files changed within the racy window", () => {
    const home = makeHome(example);
    const now = { ...base, AWSAFE_TEST_CLOCK_OFFSET_FILE: "" };
    const run = runAwsafe(["--debug", "list"], home, now);
    expect(run.stderr).toMatch(/list cache: a shared file changed too recently to be cached/);
    expect(existsSync(cacheFile(home))).toBe(false);
    // An entry said to be made as the files were written is not trusted.
    expectSameCached(home, base);
    const [header = "", , ...rest] = readFileSync(cacheFile(home), "utf8").split("\n");
    const written = Math.floor(statSync(join(home, ".aws/config")).mtimeMs);
    writeFileSync(cacheFile(home), [header, String(written), ...rest].join("\n"));
    expect(cacheUse(home, base)).toBe("miss");
    expect(cacheUse(home, base)).toBe("hit");
  });
});

describe("awsafe list's cache is no worse than none", () => {
  it.each([
    [
      "corrupt",
      (file: string) => {
        writeFileSync(file, "garbage\n\u0000\u0001", { mode: 0o600 });
      },
    ],
    [
      "truncated",
      (file: string) => {
        const text = readFileSync(file, "utf8");
        writeFileSync(file, text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1));
      },
    ],
    [
      "of another version",
      (file: string) => {
        const [header = "", ...rest] = readFileSync(file, "utf8").split("\n");
        const key = JSON.parse(header) as unknown[];
        key[1] = "0.0.0-another";
        writeFileSync(file, [JSON.stringify(key), ...rest].join("\n"));
      },
    ],
    [
      "readable by others",
      (file: string) => {
        chmodSync(file, 0o644);
      },
    ],
  ])("a cache file %s is ignored and written again", (_name, spoil) => {
    const home = makeHome(example);
    const table = expectSameCached(home, base);
    spoil(cacheFile(home));
    expect(shown(runAwsafe(["list"], home, base))).toEqual(table);
    expect(cacheUse(home, base)).toBe("hit");
  });

  it("a cache directory that cannot be made or written: no cache, no error", () => {
    const home = makeHome(example);
    const blocked = join(home, "not-a-directory");
    writeFileSync(blocked, "");
    const env = { ...base, XDG_CACHE_HOME: blocked };
    const off = shown(runAwsafe(["list"], home, { ...base, AWSAFE_LIST_CACHE: "off" }));
    expect(shown(runAwsafe(["list"], home, env))).toEqual(off);
    expect(shown(runAwsafe(["list"], home, env))).toEqual(off);
    expect(cacheUse(home, env)).toBe("miss");
  });

  it("AWSAFE_LIST_CACHE=off neither reads nor writes it; another value is a usage error", () => {
    const home = makeHome(example);
    runAwsafe(["list"], home, { ...base, AWSAFE_LIST_CACHE: "off" });
    expect(existsSync(cacheFile(home))).toBe(false);
    expect(cacheUse(home, { ...base, AWSAFE_LIST_CACHE: "0" })).toBe("off");
    const wrong = runAwsafe(["list"], home, { ...base, AWSAFE_LIST_CACHE: "maybe" });
    expect(wrong.status).toBe(64);
    expect(wrong.stderr).toContain("AWSAFE_LIST_CACHE=maybe is neither on nor off");
  });
});
