// Runs the dev-only emulator (emulator/main.ts) on Node 20, which cannot run TypeScript: bundles it
// with esbuild, then imports the bundle in this process (one process, so npm's SIGTERM/SIGINT reach
// the emulator itself). The bundle goes under node_modules/.cache — never committed, linted,
// formatted or published — with a per-process name so concurrent starts don't overwrite each
// other, and is deleted once loaded. Dependencies stay external and resolve from node_modules.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";

const outfile = `node_modules/.cache/awsafe-emulator/main-${process.pid}.mjs`;
await build({
  entryPoints: ["emulator/main.ts"],
  outfile,
  bundle: true,
  packages: "external",
  platform: "node",
  target: "node20",
  format: "esm",
  logLevel: "warning",
});
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
