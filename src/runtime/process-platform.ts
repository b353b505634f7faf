import type { PlatformFacts } from "../ports/environment.js";

/** This process's platform; node:os loads only when no `HOME` says where home is. */
export const processPlatform: PlatformFacts = { platform: process.platform, homedir: osHomedir };

/**
 * `os.homedir()`, with node:os loaded at the first call: paths come from `HOME` when it is set,
 * and loading the module cost every `credential_process` call about 0.3 ms.
 */
function osHomedir(): string {
  return process.getBuiltinModule("node:os").homedir();
}
