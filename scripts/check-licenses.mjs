// Fails when a package whose license is GPL or AGPL reaches the shipped bundle. The list of
// bundled files comes from esbuild's metafile (dist/meta.json, written by scripts/build.mjs), so
// dev-only packages (the emulator, test tools) are never counted.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const meta = JSON.parse(readFileSync("dist/meta.json", "utf8"));
const packages = new Map();
for (const input of meta.inputs) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match === null) continue;
  const root = input.slice(0, match.index + match[0].length - 1);
  packages.set(match[1], root.startsWith("/") ? root : join(".", root));
}

const copyleft = /\b(A?GPL|LGPL)\b/i;
const failures = [];
for (const [name, root] of [...packages].sort()) {
  const license = readLicense(root);
  if (license === undefined) failures.push(`${name}: no license field`);
  else if (copyleft.test(license)) failures.push(`${name}: ${license}`);
}
if (failures.length > 0) {
  console.error(
    `licenses: ${failures.length} bundled package(s) not allowed in the shipped bundle:`,
  );
  for (const failure of failures) console.error(`  ${failure}`);
  process.exit(1);
}
console.log(`licenses: ${packages.size} bundled packages, none GPL/AGPL`);

function readLicense(root) {
  const file = join(root, "package.json");
  if (!existsSync(file)) return readLicense(dirname(root));
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  if (typeof pkg.license === "string") return pkg.license;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type).join(" OR ");
  return undefined;
}
