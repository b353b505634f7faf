// The `awsafe` executable: bundled as CommonJS into dist/entry.cjs for Node, which dist/cli.cjs
// runs (scripts/build.mjs), and compiled into the single executable dist/awsafe
// (scripts/build-bin.mjs). The fast path is part of this entry, so the hot path loads one module;
// main.ts and everything behind it are imported only for the other commands, agent-questions.ts
// only when the agent asks the fast path something (separate files for Node, chunks inside the
// executable). See dispatch.ts for what goes where.
import { dispatch } from "./dispatch.js";
import { fastCredentialProcess } from "./fast-credential-process.js";

dispatch(process.argv.slice(2), {
  fastPath: () => fastCredentialProcess,
  main: () => import("./main.js"),
  questions: () => import("./agent-questions.js"),
  complete: () => import("./complete-main.js"),
  agent: () => import("./agent-main.js"),
});
