// What `awsafe import` says about the keys and profiles it cannot finish on its own: sections
// the AWS CLI reads under names some SDKs reject, a credentials-file [profile NAME], role
// profiles the AWS tools would still assume themselves; and a dry run that fails as the real run
// would.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeKey, type FakeKey } from "../support/fake-keys.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";
import { fileStoreEnv, storedItems, storeFileOf } from "../support/store-e2e.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";

const oddNames = ["sp ace", "semi;colon", "quo'te", "hash#x", "uni©ode"];

function section(header: string, key: FakeKey): string {
  return `[${header}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`;
}

/** A credentials file with one ordinary profile and one section under each odd name. */
function oddCredentials(): { text: string; keys: FakeKey[] } {
  const keys = oddNames.map(() => fakeKey());
  const text = [
    section("dev", fakeKey()),
    ...oddNames.map((n, i) => section(n, keys[i] ?? fakeKey())),
  ].join("\n");
  return { text, keys };
}

describe("awsafe import and keys it cannot import", () => {
  it("reports each section whose keys the AWS CLI still reads, imports the rest, and exits 78", async () => {
    const { text, keys } = oddCredentials();
    const home = makeHome({ credentials: text });
    for (const run of [1, 2]) {
      const result = runAwsafe(["import"], home, fileStoreEnv());
      expect(result.status, `run ${String(run)}: ${result.stderr}`).toBe(78);
      for (const name of oddNames) {
        expect(result.stderr).toContain(`left [${name}] (${join(home, ".aws/credentials")}:`);
      }
      expect(result.stderr).toContain('characters (" ")');
      expect(result.stderr).toContain("rename the section, e.g. [sp-ace]");
      expect(result.stderr).toContain("5 section(s) still hold plain-text keys");
      expect(result.stderr).not.toContain("nothing to import");
      for (const key of keys) expect(result.stderr).not.toContain(key.secretAccessKey);
    }
    expect((await storedItems(home)).map((ref) => ref.name)).toContain("dev");
    const credentials = readFileSync(join(home, ".aws/credentials"), "utf8");
    for (const key of keys) expect(credentials).toContain(key.secretAccessKey);
  });

  it("offers to take a credentials-file [profile NAME] as NAME, and does with --fix-profile-prefix", async () => {
    const key = fakeKey();
    const home = makeHome({ credentials: `# misnamed\n${section("profile assume-only", key)}` });
    const offered = runAwsafe(["import"], home, fileStoreEnv());
    expect(offered.status).toBe(78);
    expect(offered.stderr).toContain(
      `left [profile assume-only] (${join(home, ".aws/credentials")}:2) in plain text: the credentials file takes no "profile " prefix`,
    );
    expect(offered.stderr).toContain(
      'run awsafe import --fix-profile-prefix to import them as profile "assume-only"',
    );
    const dry = runAwsafe(["import", "--dry-run", "--fix-profile-prefix"], home, fileStoreEnv());
    expect(dry.stderr).toContain(
      'would import profile "assume-only" (from [profile assume-only]): key ****',
    );
    expect(dry.status).toBe(0);
    const fixed = runAwsafe(["import", "--fix-profile-prefix"], home, fileStoreEnv());
    expect(fixed.status).toBe(0);
    expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toBe(
      "# misnamed\n[profile assume-only]\n",
    );
    expect(readFileSync(join(home, ".aws/config"), "utf8")).toMatch(
      /^\[profile assume-only\]\ncredential_process = .+ credential-process assume-only$/m,
    );
    expect((await storedItems(home)).map((ref) => `${ref.kind}:${ref.name}`)).toContain(
      "long-term:assume-only",
    );
    expect(runAwsafe(["import"], home, fileStoreEnv()).status).toBe(0);
  });

  it("says which role profiles the AWS tools would still assume themselves, and routes them with --route-roles", () => {
    const config = [
      "[profile admin]",
      "role_arn = arn:aws:iam::123456789012:role/Admin",
      "source_profile = dev",
      "mfa_serial = arn:aws:iam::123456789012:mfa/dev",
      "",
    ].join("\n");
    const home = makeHome({ config, credentials: section("dev", fakeKey()) });
    const imported = runAwsafe(["import"], home, fileStoreEnv());
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain(
      'note: the AWS CLI and the SDKs still assume the role of profile "admin" themselves',
    );
    expect(imported.stderr).toContain("~/.aws/cli/cache");
    expect(imported.stderr).toContain("`awsafe configure admin --credential-process`");
    const routed = runAwsafe(["import", "--route-roles"], home, fileStoreEnv());
    expect(routed.status).toBe(0);
    expect(routed.stderr).toContain('routed role profile "admin"');
    const after = readFileSync(join(home, ".aws/config"), "utf8");
    expect(after).toMatch(/^credential_process = .+ credential-process admin$/m);
    expect(after).toContain("awsafe_role_arn = arn:aws:iam::123456789012:role/Admin");
    expect(after).not.toMatch(/^role_arn/m);
    expect(runAwsafe(["import"], home, fileStoreEnv()).stderr).not.toContain("note:");
  });
});

describe("awsafe import --dry-run", () => {
  it("fails as the real run would when the store cannot be unlocked", () => {
    const home = makeHome({ credentials: section("dev", fakeKey()) });
    const other = fakeKey();
    expect(
      runAwsafe(
        ["add", "ci", "--env"],
        home,
        fileStoreEnv({
          AWS_ACCESS_KEY_ID: other.accessKeyId,
          AWS_SECRET_ACCESS_KEY: other.secretAccessKey,
        }),
      ).status,
    ).toBe(0);
    const store = readFileSync(storeFileOf(home));
    const wrong = fileStoreEnv({ AWSAFE_FILE_PASSPHRASE: "not-the-TEST-passphrase" });
    const dry = runAwsafe(["import", "--dry-run"], home, wrong);
    const real = runAwsafe(["import"], home, wrong);
    expect([dry.status, real.status]).toEqual([69, 69]);
    expect(dry.stderr).toMatch(/^awsafe: .*wrong passphrase/im);
    expect(readFileSync(storeFileOf(home)).equals(store)).toBe(true);
  });

  it("fails as the real run would when the pass store is not initialised", () => {
    const home = makeHome({ credentials: section("dev", fakeKey()) });
    mkdirSync(join(home, ".password-store"));
    const env = { AWSAFE_PROMPT: "none", AWSAFE_BACKEND: "pass" };
    const dry = runAwsafe(["import", "--dry-run"], home, env);
    expect(dry.status).toBe(69);
    expect(dry.stderr).toContain("it is not initialized");
    expect(runAwsafe(["import"], home, env).status).toBe(69);
  });
});

describeWithRealThing(
  "awsafe import and what the real AWS CLI still reads",
  await missingCommands("aws"),
  () => {
    it("leaves no key the AWS CLI reads unreported", () => {
      const { text } = oddCredentials();
      const home = makeHome({
        credentials: `${text}\n${section("profile assume-only", fakeKey())}`,
      });
      const result = runAwsafe(["import"], home, fileStoreEnv());
      for (const name of [...oddNames, "profile assume-only", "dev"]) {
        const aws = spawnSync("aws", ["configure", "get", "aws_access_key_id", "--profile", name], {
          env: { PATH: process.env.PATH ?? "", HOME: home },
          encoding: "utf8",
        });
        if (aws.stdout.trim() === "") continue;
        expect(result.stderr, `the AWS CLI still reads a key for "${name}"`).toContain(
          `left [${name}]`,
        );
      }
    });
  },
);
