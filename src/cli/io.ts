import type { Environment, PlatformFacts } from "../config/locate-shared-config.js";

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly env: Environment;
  readonly platform: PlatformFacts;
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
}
