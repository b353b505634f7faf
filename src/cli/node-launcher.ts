/* eslint-disable @typescript-eslint/no-require-imports -- this file is the CommonJS executable,
   and loads each of its parts with require() as Node would */
// dist/cli.cjs, the `awsafe` executable on Node (scripts/build.mjs). A `credential-process
// <profile>` call first asks the running agent for a remembered answer, with only the code this
// file holds (print-remembered-answer.ts): Node compiles this file from its source at every call,
// so that code is kept small. Otherwise it runs dist/entry.cjs (entry.ts: dispatch and the hot
// path) from V8's code cache of it (runtime/cached-entry.ts). The single executable compiles
// entry.ts itself, with Bun's bytecode (scripts/build-bin.mjs).
import { join } from "node:path";
import type * as moduleCaches from "../cache/cache-modules.js";
import type * as savers from "../cache/save-code-cache.js";
import { runCachedEntry } from "../runtime/cached-entry.js";
import { fastPathProfile } from "./fast-path-call.js";
import { printRememberedAnswer } from "./print-remembered-answer.js";

const entry = join(__dirname, "entry.cjs");

const runEntry = () => {
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
};

if (process.versions.bun !== undefined) {
  // Bun compiles the file as it would any other.
  require(entry);
} else {
  // The agent's remembered answer, when it has one, before any of the entry is loaded.
  const profile = fastPathProfile(process.argv.slice(2), process.env);
  if (profile === undefined) runEntry();
  else {
    void printRememberedAnswer(profile).then((printed) => {
      if (!printed) runEntry();
    });
  }
}
