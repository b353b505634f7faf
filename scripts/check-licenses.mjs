// Fails when a GPL, LGPL or AGPL package ships with awsafe: either bundled into dist/ (the list
// of bundled files comes from esbuild's metafile, dist/meta.json, written by scripts/build.mjs)
// or installed beside it as a production dependency (native modules stay external). Dev-only
// packages — the emulator's, the test tools — are neither, and are not counted. A dual license
// that offers a non-copyleft choice ("AFL-2.1 OR GPL-2.0") is allowed.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const roots = new Map();
for (const input of JSON.parse(readFileSync("dist/meta.json", "utf8")).inputs) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match !== null)
    roots.set(match[1], resolve(input.slice(0, match.index + match[0].length - 1)));
}
const production = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
  encoding: "utf8",
})
  .split("\n")
  .slice(1)
  .filter((line) => line.includes("node_modules"));
for (const root of production) {
  roots.set(root.slice(root.lastIndexOf("node_modules/") + "node_modules/".length), root);
}

const copyleft = /\b(A?GPL|LGPL)\b/i;
const failures = [];
for (const [name, root] of [...roots].sort()) {
  const license = readLicense(root);
  if (license === undefined) failures.push(`${name}: no license field`);
  else if (copyleft.test(license) && !/\bOR\b/.test(license)) failures.push(`${name}: ${license}`);
}
if (failures.length > 0) {
  console.error(`licenses: ${failures.length} shipped package(s) not allowed:`);
  for (const failure of failures) console.error(`  ${failure}`);
  process.exit(1);
}
console.log(`licenses: ${roots.size} shipped packages, none GPL/LGPL/AGPL`);

function readLicense(root) {
  const file = join(root, "package.json");
  if (!existsSync(file)) return root === dirname(root) ? undefined : readLicense(dirname(root));
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  if (typeof pkg.license === "string") return pkg.license;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type).join(" OR ");
  return undefined;
}
