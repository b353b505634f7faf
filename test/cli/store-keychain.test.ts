// The store commands against a real Secret Service (gnome-keyring in a private D-Bus session:
// run under scripts/with-secret-service.sh). Items go under a service name of their own, so a
// run inside a real desktop session never touches the user's `awsafe` items.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openKeychainStore } from "../../src/store/keychain/keychain-store.js";
import { fakeKey } from "../support/fake-keys.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";
import { filesContaining, storedItems, testPassphrase } from "../support/store-e2e.js";
import { describeWithRealThing } from "../store/real-thing.js";

const platform = process.platform;
const service = `awsafe-e2e-${process.pid}`;
const missing =
  platform !== "linux" ? `the Secret Service runs on Linux (this is ${platform})` : await probe();

describeWithRealThing(
  "store commands with the keychain backend (real Secret Service)",
  missing,
  () => {
    afterAll(async () => {
      const store = await openKeychainStore({ service, platform });
      for (const ref of await store.list()) await store.delete(ref);
    });

    it("adds, imports and lists in the keychain, then migrates everything to the file store", async () => {
      const [added, dev, prod] = [fakeKey(), fakeKey(), fakeKey()];
      const credentials = `# team keys\n[dev]\naws_access_key_id = ${dev.accessKeyId}\naws_secret_access_key = ${dev.secretAccessKey}\n\n# prod\n[prod]\naws_access_key_id = ${prod.accessKeyId}\naws_secret_access_key = ${prod.secretAccessKey}\n`;
      const home = makeHome({ credentials });
      const env = {
        AWSAFE_PROMPT: "none",
        AWSAFE_TEST_KEYCHAIN_SERVICE: service,
        AWSAFE_FILE_PASSPHRASE: testPassphrase,
        AWSAFE_TEST_FILE_WORK_FACTOR: "10",
        DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? "",
      };
      const run = (args: string[], extra: Record<string, string> = {}) =>
        runAwsafe(args, home, { ...env, ...extra });

      const add = run(["add", "ci", "--env", "--backend", "keychain"], {
        AWS_ACCESS_KEY_ID: added.accessKeyId,
        AWS_SECRET_ACCESS_KEY: added.secretAccessKey,
      });
      expect(add.stderr).toContain("Secret Service");
      expect(add.status).toBe(0);
      // The platform default on Linux is the keychain: no flag from here on.
      const imported = run(["import"]);
      expect(imported.status).toBe(0);
      expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toBe(
        "# team keys\n[dev]\n\n# prod\n[prod]\n",
      );
      expect(readFileSync(join(home, ".aws/config"), "utf8")).toMatch(/ credential-process dev$/m);
      const keychain = await openKeychainStore({ service, platform });
      expect(await keychain.get({ kind: "long-term", name: "prod" })).toMatchObject(prod);

      const listed = run(["list"]);
      expect(listed.status).toBe(0);
      for (const [name, key] of [
        ["ci", added],
        ["dev", dev],
        ["prod", prod],
      ] as const) {
        expect(listed.stdout).toMatch(
          new RegExp(
            `^${name} .*keys in the secret store \\[stored key \\*\\*\\*\\*${key.accessKeyId.slice(-4)}\\]$`,
            "m",
          ),
        );
      }

      const crashed = run(["migrate", "--from", "keychain", "--to", "file"], {
        AWSAFE_TEST_CRASH_AT: "after-copy",
      });
      expect(crashed.status).toBeNull();
      expect(await keychain.list()).toHaveLength(4);
      const migrated = run(["migrate", "--from", "keychain", "--to", "file"]);
      expect(migrated.stderr).toContain("moved 4 item(s)");
      expect(migrated.status).toBe(0);
      expect(await keychain.list()).toEqual([]);
      expect((await storedItems(home)).map((ref) => `${ref.kind}:${ref.name}`).sort()).toEqual([
        expect.stringMatching(/^backup:import\/credentials\//),
        "long-term:ci",
        "long-term:dev",
        "long-term:prod",
      ]);
      // awsafe's config now selects the file store, so plain `list` finds the keys there.
      expect(run(["list"]).stdout).toMatch(/^dev .*\[stored key \*{4}/m);

      const secrets = [added, dev, prod].flatMap((key) => [key.secretAccessKey, key.accessKeyId]);
      expect(filesContaining(home, secrets)).toEqual([]);
      for (const result of [add, imported, listed, migrated]) {
        for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
      }
    });
  },
);

async function probe(): Promise<string | undefined> {
  try {
    await (await openKeychainStore({ service, platform })).list();
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `${reason} (run the tests under scripts/with-secret-service.sh)`;
  }
}
