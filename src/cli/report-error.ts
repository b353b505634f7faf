import { AppError, ExitCode } from "../errors.js";
import { redactText } from "../redact.js";
import { plain, type Style } from "./format/style-types.js";
import type { TextOutput } from "./io.js";

/**
 * The one place an error becomes an exit code and a message. User errors print one line and a
 * hint; anything else is a bug and says where to report it. With `--debug`, the cause chain
 * (redacted) and, for bugs, the stack. `style` colours the prefixes (the CLI proper passes the one
 * for stderr; the hot path loads no colour code and prints plain).
 */
export function reportError(
  error: unknown,
  io: { readonly stderr: TextOutput },
  debug: boolean,
  style: Style = plain,
): ExitCode {
  if (error instanceof AppError) {
    io.stderr.write(`${style("fail", "awsafe:")} ${error.message}\n`);
    if (error.hint !== undefined) io.stderr.write(`${style("hint", "hint:")} ${error.hint}\n`);
    if (debug) for (const line of causeLines(error)) io.stderr.write(`${line}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${style("fail", "awsafe: internal error:")} ${redactText(message)}\n`);
  io.stderr.write(
    `${style("hint", "hint:")} this is a bug in awsafe; please report it with the output of --debug\n`,
  );
  if (debug && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${redactText(error.stack)}\n`);
  }
  return ExitCode.Software;
}

/** `caused by: Name: message` for each cause under `error`, redacted. */
export function causeLines(error: Error): string[] {
  const lines: string[] = [];
  let cause = error.cause;
  for (let depth = 0; cause !== undefined && depth < 10; depth++) {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : JSON.stringify(cause);
    lines.push(`caused by: ${redactText(text)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines;
}
