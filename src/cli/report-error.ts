import { AppError, ExitCode } from "../errors.js";
import type { CliIo } from "./io.js";

/**
 * The one place an error becomes an exit code and a message. User errors print one line and a
 * hint; anything else is a bug and says where to report it. Stack traces only with `--debug`.
 */
export function reportError(error: unknown, io: CliIo, debug: boolean): ExitCode {
  if (error instanceof AppError) {
    io.stderr.write(`awsafe: ${error.message}\n`);
    if (error.hint !== undefined) io.stderr.write(`hint: ${error.hint}\n`);
    if (debug) writeCauses(error, io);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`awsafe: internal error: ${message}\n`);
  io.stderr.write("hint: this is a bug in awsafe; please report it with the output of --debug\n");
  if (debug && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${error.stack}\n`);
  }
  return ExitCode.Software;
}

function writeCauses(error: Error, io: CliIo): void {
  let cause = error.cause;
  while (cause !== undefined) {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : JSON.stringify(cause);
    io.stderr.write(`caused by: ${text}\n`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
}
