import type { DebugLog } from "../ports/debug-log.js";
import type { Environment, PlatformFacts } from "../ports/environment.js";

/** What every use-case is given of the outside world; the CLI builds it once per run. */
export interface AppContext {
  readonly env: Environment;
  readonly platform: PlatformFacts;
  /** Called at named steps of a multi-step write; the test build kills the process there. */
  readonly checkpoint?: ((step: string) => void) | undefined;
  /** `--debug`: where the engine says what it decides and does; absent without it. */
  readonly debug?: DebugLog | undefined;
}
