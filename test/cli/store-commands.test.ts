import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeKey } from "../support/fake-keys.js";
import { makeHome, runAwsafe, type CliRun } from "../support/run-awsafe.js";
import {
  fileStoreEnv,
  filesContaining,
  storedItems,
  storeFileOf,
  testPassphrase,
} from "../support/store-e2e.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";

const noStackTrace = /\n\s+at /;

function seedCredentials(dev = fakeKey(), prod = fakeKey()): string {
  return [
    "# Team keys. Rotate every 90 days.",
    "[dev]",
    "# the dev IAM user",
    `aws_access_key_id = ${dev.accessKeyId}`,
    `aws_secret_access_key = ${dev.secretAccessKey}`,
    "region = eu-west-1",
    "",
    "# production, handle with care",
    "[prod]",
    `aws_access_key_id = ${prod.accessKeyId}`,
    `aws_secret_access_key = ${prod.secretAccessKey}`,
    "",
  ].join("\n");
}

describe("awsafe add, list, remove (file store)", () => {
  it("stores, lists redacted, refuses silent replacement, replaces with --force, removes", async () => {
    const home = makeHome();
    const [first, second] = [fakeKey(), fakeKey()];
    const runs: CliRun[] = [];
    const run = (args: string[], env: Record<string, string> = {}): CliRun => {
      const result = runAwsafe(args, home, fileStoreEnv(env));
      runs.push(result);
      return result;
    };
    const asEnv = (key = first) => ({
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    });

    expect(run(["add", "dev", "--env"], asEnv()).status).toBe(0);
    expect(runs.at(-1)?.stderr).toContain(
      `stored key ****${first.accessKeyId.slice(-4)} of profile "dev"`,
    );
    expect(run(["add", "dev", "--env"], asEnv()).stderr).toContain("already stored");

    const listed = run(["list"]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^dev\\s+-\\s+keys in the secret store \\[stored key \\*\\*\\*\\*${first.accessKeyId.slice(-4)}\\]$`,
        "m",
      ),
    );

    const refused = run(["add", "dev", "--env"], asEnv(second));
    expect(refused.status).toBe(64);
    expect(refused.stderr).toMatch(/^hint: .*--force/m);
    expect(run(["add", "dev", "--env", "--force"], asEnv(second)).status).toBe(0);
    expect(run(["list", "--json"]).stdout).toContain(
      `"storedKey": "****${second.accessKeyId.slice(-4)}"`,
    );

    expect(run(["remove", "dev"]).status).toBe(64);
    expect(run(["remove", "dev", "--sessions"]).stderr).toContain("no cached sessions");
    expect(run(["remove", "dev", "--force"]).status).toBe(0);
    expect(await storedItems(home)).toEqual([]);
    expect(run(["remove", "dev", "--force"]).status).toBe(64);

    for (const result of runs) {
      expect(result.stderr).not.toMatch(noStackTrace);
      for (const secret of [first.secretAccessKey, second.secretAccessKey, testPassphrase]) {
        expect(result.stdout + result.stderr).not.toContain(secret);
      }
    }
    expect(
      filesContaining(home, [first.secretAccessKey, second.secretAccessKey, testPassphrase]),
    ).toEqual([]);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      "a temporary ASIA key",
      {
        AWS_ACCESS_KEY_ID: "ASIAFAKETEST23456789",
        AWS_SECRET_ACCESS_KEY: fakeKey().secretAccessKey,
      },
      /temporary/,
    ],
    [
      "a malformed secret",
      { AWS_ACCESS_KEY_ID: fakeKey().accessKeyId, AWS_SECRET_ACCESS_KEY: "FAKE-too-short" },
      /not a secret access key/,
    ],
    ["no key in the environment", {}, /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/],
  ])("add --env rejects %s with exit 64 and stores nothing", async (_name, env, message) => {
    const home = makeHome();
    const result = runAwsafe(["add", "dev", "--env"], home, fileStoreEnv(env));
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^hint: /m);
    expect(result.stderr).not.toContain(env.AWS_SECRET_ACCESS_KEY ?? "no secret");
    await expect(storedItems(home)).resolves.toEqual([]);
  });

  it("add without --env and without a terminal says how to give the key", () => {
    const result = runAwsafe(["add", "dev"], makeHome(), fileStoreEnv());
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("there is no terminal");
    expect(result.stderr).toContain("--env");
  });

  it("list shows an encrypted store not created yet as open and empty, and creates nothing", () => {
    const home = makeHome({ credentials: seedCredentials() });
    const result = runAwsafe(["list", "--json"], home, { AWSAFE_BACKEND: "file" });
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as { store: unknown };
    expect(listed.store).toEqual({ backend: "file", status: "open", location: storeFileOf(home) });
    expect(existsSync(storeFileOf(home))).toBe(false);
  });

  it("list says the file store is locked instead of prompting when no passphrase is given", () => {
    const home = makeHome({ credentials: seedCredentials() });
    expect(
      runAwsafe(
        ["add", "ci", "--env"],
        home,
        fileStoreEnv({
          AWS_ACCESS_KEY_ID: fakeKey().accessKeyId,
          AWS_SECRET_ACCESS_KEY: fakeKey().secretAccessKey,
        }),
      ).status,
    ).toBe(0);
    const result = runAwsafe(["list"], home, { AWSAFE_BACKEND: "file", AWSAFE_PROMPT: "none" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^dev\s+eu-west-1\s+static keys in plain text$/m);
    expect(result.stderr).toContain("stored keys not shown: the encrypted store");
    expect(result.stderr).toContain("is locked");
  });
});

describe("awsafe import (file store)", () => {
  it("moves the keys of a seed credentials file into the store, keeping its comments", async () => {
    const [dev, prod] = [fakeKey(), fakeKey()];
    const home = makeHome({ credentials: seedCredentials(dev, prod) });
    const dry = runAwsafe(["import", "--dry-run"], home, fileStoreEnv());
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain('would import profile "dev"');
    expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toBe(seedCredentials(dev, prod));

    const imported = runAwsafe(["import"], home, fileStoreEnv());
    expect(imported.status).toBe(0);
    expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toBe(
      [
        "# Team keys. Rotate every 90 days.",
        "[dev]",
        "# the dev IAM user",
        "region = eu-west-1",
        "",
        "# production, handle with care",
        "[prod]",
        "",
      ].join("\n"),
    );
    const config = readFileSync(join(home, ".aws/config"), "utf8");
    expect(config).toMatch(/^\[profile dev\]\ncredential_process = .+ credential-process dev$/m);
    const items = await storedItems(home);
    expect(items.map((ref) => `${ref.kind}:${ref.name}`)).toEqual([
      "long-term:dev",
      expect.stringMatching(/^backup:import\/credentials\/[0-9a-f]{16}$/),
      "long-term:prod",
    ]);

    const again = runAwsafe(["import"], home, fileStoreEnv());
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("nothing to import");
    expect(await storedItems(home)).toEqual(items);

    const listed = runAwsafe(["list"], home, fileStoreEnv());
    expect(listed.stdout).toMatch(
      new RegExp(
        `^prod\\s+-\\s+keys in the secret store \\[stored key \\*\\*\\*\\*${prod.accessKeyId.slice(-4)}\\]$`,
        "m",
      ),
    );

    const secrets = [
      dev.secretAccessKey,
      prod.secretAccessKey,
      dev.accessKeyId,
      prod.accessKeyId,
      testPassphrase,
    ];
    expect(filesContaining(home, secrets)).toEqual([]);
    for (const result of [dry, imported, again, listed]) {
      for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  it("exits 69 on a wrong passphrase and changes nothing", () => {
    const home = makeHome({ credentials: seedCredentials() });
    runAwsafe(
      ["add", "other", "--env"],
      home,
      fileStoreEnv({
        AWS_ACCESS_KEY_ID: fakeKey().accessKeyId,
        AWS_SECRET_ACCESS_KEY: fakeKey().secretAccessKey,
      }),
    );
    const before = {
      store: readFileSync(storeFileOf(home)),
      credentials: readFileSync(join(home, ".aws/credentials"), "utf8"),
    };
    const wrong = join(home, "wrong-passphrase");
    writeFileSync(wrong, "not-the-TEST-passphrase\n", { mode: 0o600 });
    const result = runAwsafe(
      ["import"],
      home,
      fileStoreEnv({ AWSAFE_FILE_PASSPHRASE: "", AWSAFE_FILE_PASSPHRASE_FILE: wrong }),
    );
    expect(result.status).toBe(69);
    expect(result.stderr).toMatch(/^awsafe: .*passphrase/im);
    expect(result.stderr).toMatch(/^hint: /m);
    expect(result.stderr).not.toMatch(noStackTrace);
    expect(readFileSync(storeFileOf(home)).equals(before.store)).toBe(true);
    expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toBe(before.credentials);
    expect(() => readFileSync(join(home, ".aws/config"))).toThrow();
  });

  it("exits 78 with file:line on a malformed credentials file and changes nothing", () => {
    const malformed = `${seedCredentials()}[broken\n`;
    const home = makeHome({ credentials: malformed });
    const result = runAwsafe(["import"], home, fileStoreEnv());
    expect(result.status).toBe(78);
    expect(result.stderr).toContain(`${join(home, ".aws/credentials")}:12: Section definition`);
    expect(result.stderr).not.toMatch(noStackTrace);
    expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toBe(malformed);
    expect(() => readFileSync(storeFileOf(home))).toThrow();
  });

  it.each(["after-store-write", "after-config-write"])(
    "finishes on a rerun after kill -9 %s, losing and duplicating nothing",
    async (step) => {
      const [dev, prod] = [fakeKey(), fakeKey()];
      const home = makeHome({ credentials: seedCredentials(dev, prod) });
      const crashed = runAwsafe(["import"], home, fileStoreEnv({ AWSAFE_TEST_CRASH_AT: step }));
      expect(crashed.status).toBeNull();
      // Until the credentials file is rewritten, its plain-text keys still serve the AWS tools.
      expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toContain(dev.secretAccessKey);
      const rerun = runAwsafe(["import"], home, fileStoreEnv());
      expect(rerun.status).toBe(0);
      expect(readFileSync(join(home, ".aws/credentials"), "utf8")).not.toContain(
        "aws_secret_access_key",
      );
      const config = readFileSync(join(home, ".aws/config"), "utf8");
      expect(config.match(/credential_process/g)).toHaveLength(2);
      const items = await storedItems(home);
      expect(items.map((ref) => ref.kind).sort()).toEqual(["backup", "long-term", "long-term"]);
      expect(filesContaining(home, [dev.secretAccessKey, prod.secretAccessKey])).toEqual([]);
    },
  );
});

describeWithRealThing(
  "awsafe import read by the real AWS CLI",
  await missingCommands("aws"),
  () => {
    it("leaves a credential_process line `aws configure get` returns", () => {
      const home = makeHome({ credentials: seedCredentials() });
      expect(runAwsafe(["import"], home, fileStoreEnv()).status).toBe(0);
      const line = /^credential_process = (.+ prod)$/m.exec(
        readFileSync(join(home, ".aws/config"), "utf8"),
      )?.[1];
      const aws = spawnSync(
        "aws",
        ["configure", "get", "credential_process", "--profile", "prod"],
        {
          env: { PATH: process.env.PATH ?? "", HOME: home },
          encoding: "utf8",
        },
      );
      expect(aws.stderr).toBe("");
      expect(aws.stdout.trim()).toBe(line);
      expect(line).toMatch(/ credential-process prod$/);
    });
  },
);
