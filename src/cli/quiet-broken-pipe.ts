/**
 * Lets `awsafe … | head -1` end quietly: once the reader of stdout or stderr has gone (EPIPE),
 * what is left to print has nowhere to go, and Node's default, an unhandled `error` event, would
 * crash with a stack trace. Any other stream error is still thrown.
 */
export function quietBrokenPipe(streams: readonly NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    });
  }
}
