import type { RuntimeContext } from "../runtime/context.js";

/**
 * Somewhere to write text: a string, or its UTF-8 bytes (`list` prints its cached table as the
 * bytes it read, without making a string of them).
 */
export interface TextOutput {
  write(chunk: string | Uint8Array): unknown;
}

/** What a command may touch: the runtime context and the two output streams; tests pass their own. */
export interface CliIo extends RuntimeContext {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
}
