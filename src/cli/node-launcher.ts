/* eslint-disable @typescript-eslint/no-require-imports -- this file is the CommonJS executable,
   and loads each of its parts with require() as Node would */
// dist/cli.cjs, the `awsafe` executable on Node (scripts/build.mjs). A `credential-process
// <profile>` call first asks the running agent for a remembered answer, with only the code this
// file holds (print-remembered-answer.ts): Node compiles this file from its source at every call,
// so that code is kept small. Otherwise it runs dist/run-entry.cjs (run-entry.ts), which runs
// dist/entry.cjs (entry.ts: dispatch and the hot path) from V8's code cache of it
// (runtime/cached-entry.ts). The single executable compiles entry.ts itself, with Bun's bytecode
// (scripts/build-bin.mjs).
import type * as entryRunner from "./run-entry.js";
import { fastPathProfile } from "./fast-path-call.js";
import { printRememberedAnswer } from "./print-remembered-answer.js";

const runEntry = () => {
  (require("./run-entry.cjs") as typeof entryRunner).runEntry();
};

if (process.versions.bun !== undefined) {
  // Bun compiles the file as it would any other.
  require("./entry.cjs");
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
