import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/conformance.js";
import { fakeKey } from "../support/fake-keys.js";
import { makeHome } from "../support/run-awsafe.js";

// What ships (`npm run build` → dist/, `npm run build:bin` → dist/awsafe) holds no test hook:
// the hooks of src/runtime/test-hooks.ts exist only in the test builds (dist-test/), chosen at
// build time, so no variable a user's shell happens to set can reach them.
const hookWords = ["AWSAFE_TEST_", "readTestHooks", "offsetClock", "__AWSAFE_TEST_HOOKS__"];

function bundleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "types" ? [] : bundleFiles(file);
    return /\.(c?js|mjs)$/.test(name) ? [file] : [];
  });
}

describe("the build that ships", () => {
  it("has no test hook in its Node bundles (the test build has them)", () => {
    const shipped = bundleFiles(path.join(repoRoot, "dist"));
    expect(shipped.length).toBeGreaterThan(3);
    for (const file of shipped) {
      const text = readFileSync(file, "utf8");
      for (const word of hookWords) expect(text.includes(word), `${file}: ${word}`).toBe(false);
    }
    const test = bundleFiles(path.join(repoRoot, "dist-test")).map((file) =>
      readFileSync(file, "utf8"),
    );
    expect(test.some((text) => text.includes("AWSAFE_TEST_CRASH_AT"))).toBe(true);
  });

  it.runIf(process.env["AWSAFE_TEST_BINARY"] !== undefined)(
    "has no test hook in its single executable",
    () => {
      const binary = path.join(repoRoot, "dist/awsafe");
      expect(existsSync(binary), "npm run build:bin makes dist/awsafe").toBe(true);
      const bytes = readFileSync(binary, "latin1");
      for (const word of hookWords) expect(bytes.includes(word), word).toBe(false);
    },
  );

  it("writes the encrypted store at full scrypt cost whatever AWSAFE_TEST_* says", () => {
    const home = makeHome();
    try {
      const key = fakeKey();
      const added = spawnSync(
        process.execPath,
        [path.join(repoRoot, "dist/cli.cjs"), "add", "me", "--env"],
        {
          env: {
            PATH: process.env["PATH"] ?? "",
            HOME: home,
            AWSAFE_BACKEND: "file",
            AWSAFE_FILE_PASSPHRASE: "shipped-build-FAKE",
            AWSAFE_TEST_FILE_WORK_FACTOR: "1",
            NODE_ENV: "test",
            AWS_ACCESS_KEY_ID: key.accessKeyId,
            AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
          },
          encoding: "utf8",
        },
      );
      expect(added.stderr).toContain("stored key");
      const store = readFileSync(path.join(home, ".local/share/awsafe/store.age"), "latin1");
      // age's header: `-> scrypt <salt> <log2 of the work factor>`.
      expect(/^-> scrypt \S+ (\d+)$/m.exec(store)?.[1]).toBe("18");
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
