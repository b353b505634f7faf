/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file of the Node executable,
   which loads each of its parts with require() as Node would */
// dist/run-entry.cjs: what dist/cli.cjs (node-launcher.ts) runs for every call that the agent's
// remembered answer does not settle. A file of its own, beside cli.cjs: Node compiles cli.cjs
// from its source at every call, and the remembered answer's call, the one an AWS tool makes
// over and over, then parses none of this.
import { join } from "node:path";
import type * as moduleCaches from "../cache/cache-modules.js";
import type * as savers from "../cache/save-code-cache.js";
import { runCachedEntry } from "../runtime/cached-entry.js";

/** Runs dist/entry.cjs (entry.ts: dispatch and the hot path) from V8's code cache of it. */
export function runEntry(): void {
  runCachedEntry(
    {
      file: join(__dirname, "entry.cjs"),
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
}
