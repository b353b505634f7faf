import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { repoRoot } from "./repo-root.js";

/**
 * Bundles a TypeScript entry into an ES module a child `node` can run, for tests that need a
 * fresh process (another D-Bus session, a second writer). It is written under the repo's
 * node_modules so the external native packages resolve as they do for the code under test.
 */
export async function bundleForChild(entry: string): Promise<string> {
  const dir = path.join(repoRoot, "node_modules", ".cache", "awsafe-store-test");
  mkdirSync(dir, { recursive: true });
  const hash = createHash("sha256").update(entry).digest("hex").slice(0, 12);
  const outfile = path.join(dir, `${path.basename(entry, ".ts")}-${hash}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["@napi-rs/keyring", "age-encryption", "proper-lockfile"],
    define: { __AWSAFE_TEST_HOOKS__: "true" },
    logLevel: "warning",
  });
  return outfile;
}
