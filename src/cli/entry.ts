// The `awsafe` executable (bundled as CommonJS into dist/cli.cjs: Node starts a CommonJS file
// several milliseconds sooner than an ES module, and start-up is what `credential_process` users
// pay on every AWS call). See dispatch.ts for what goes where; the fast path is a CommonJS bundle
// of its own (see scripts/build.mjs), loaded without the ES module loader.
import { dispatch } from "./dispatch.js";
import type { fastCredentialProcess } from "./fast-credential-process.js";

dispatch(process.argv.slice(2), {
  fastPath: () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("./fast-credential-process.cjs") as FastPath).fastCredentialProcess,
  main: () => import("./main.js"),
});

// The bundle's shape; `require` itself is untyped.
interface FastPath {
  readonly fastCredentialProcess: typeof fastCredentialProcess;
}
