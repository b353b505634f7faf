// The entry of the single executable (`npm run build:bin`: scripts/build-bin.mjs compiles this
// file, everything it imports and the keychain's native addon into dist/awsafe). It dispatches as
// entry.ts does for the Node build (dispatch.ts). The fast path is a plain import here, as the
// whole program is one executable; main.ts stays a lazy import (a chunk of its own in the
// executable), so the hot path does not load the command parser and its modules.
import { dispatch } from "./dispatch.js";
import { fastCredentialProcess } from "./fast-credential-process.js";

dispatch(process.argv.slice(2), {
  fastPath: () => fastCredentialProcess,
  main: () => import("./main.js"),
});
