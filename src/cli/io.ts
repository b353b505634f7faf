import type { RuntimeContext } from "../runtime/context.js";

/** Somewhere to write text. */
export interface TextOutput {
  write(chunk: string): unknown;
}

/** What a command may touch: the runtime context and the two output streams; tests pass their own. */
export interface CliIo extends RuntimeContext {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
}
