/* eslint-disable @typescript-eslint/no-require-imports -- this file is the CommonJS executable,
   and loads each of its parts with require() as Node would */
// dist/cli.cjs, the `awsafe` executable on Node (scripts/build.mjs). It runs dist/entry.cjs
// (entry.ts: dispatch and the hot path) from V8's code cache of it (runtime/cached-entry.ts).
// The single executable compiles entry.ts itself, with Bun's bytecode (scripts/build-bin.mjs).
import { join } from "node:path";
import type * as moduleCaches from "../cache/cache-modules.js";
import type * as savers from "../cache/save-code-cache.js";
import { runCachedEntry } from "../runtime/cached-entry.js";

const entry = join(__dirname, "entry.cjs");

if (process.versions.bun === undefined) {
  runCachedEntry(
    {
      file: entry,
      digest: __AWSAFE_ENTRY_DIGEST__,
      cliDir: join(__dirname, "cli"),
      cliDigest: __AWSAFE_CLI_DIGEST__,
      require,
      loadSaver: () => require("./cli/save-code-cache.js") as typeof savers,
      loadModuleCaches: () => require("./cli/cache-modules.js") as typeof moduleCaches,
      cliProperLoaded: () => require.cache[require.resolve("./cli/main.js")] !== undefined,
    },
    process.env,
    process.argv,
  );
} else {
  // Bun compiles the file as it would any other.
  require(entry);
}
