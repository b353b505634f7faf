// What tells one build of awsafe from another beyond its version: a digest of the package version
// and every source file that ships. Caches of what awsafe derives (`list`'s table) are keyed on
// it, so a build whose code changed never reads what another build wrote, version bump or not.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** 16 hex digits naming the sources under `root`/src and the version in `root`/package.json. */
export function buildId(root) {
  const hash = createHash("sha256");
  hash.update(readFileSync(path.join(root, "package.json")));
  const files = readdirSync(path.join(root, "src"), { recursive: true })
    .filter((file) => /\.(ts|json)$/.test(file) && !/\.test\.ts$/.test(file))
    .sort();
  for (const file of files) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(path.join(root, "src", file)));
  }
  return hash.digest("hex").slice(0, 16);
}
