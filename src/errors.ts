/** Process exit codes, from sysexits(3). */
export const ExitCode = {
  Ok: 0,
  Usage: 64,
  Unavailable: 69,
  Software: 70,
  NoPerm: 77,
  Config: 78,
  /** `exec`'s command was found but cannot be run, as POSIX shells and env(1) report it. */
  CannotExecute: 126,
  /** `exec`'s command was not found, as POSIX shells and env(1) report it. */
  NotFound: 127,
  /** Ctrl-C: 128 + SIGINT, as shells report it. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Options every {@link AppError} accepts: a hint for the user and the underlying cause. */
export interface AppErrorOptions {
  readonly hint?: string | undefined;
  readonly cause?: unknown;
}

/**
 * An error the user can act on. Its message is one line that says what failed and what was
 * found; `hint` says what to do. The CLI prints both and exits with `exitCode`; anything that is
 * not an AppError is a bug (exit 70).
 */
export abstract class AppError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Wrong command-line usage (exit 64). */
export class UsageError extends AppError {
  readonly exitCode = ExitCode.Usage;
}

/** The secret store or another local service is unavailable (exit 69). */
export class StoreError extends AppError {
  readonly exitCode = ExitCode.Unavailable;
}

/** AWS refused the credentials or the MFA code (exit 77). */
export class AuthError extends AppError {
  readonly exitCode = ExitCode.NoPerm;
}

/** The shared config or credentials file is wrong or incomplete (exit 78). */
export class ConfigError extends AppError {
  readonly exitCode = ExitCode.Config;
}

/** The user pressed Ctrl-C at a prompt (exit 130); nothing was changed. */
export class InterruptedError extends AppError {
  readonly exitCode = ExitCode.Interrupted;
}

/** `exec` could not start its command: not found (127) or not executable (126). */
export class CommandStartError extends AppError {
  readonly exitCode: typeof ExitCode.NotFound | typeof ExitCode.CannotExecute;

  constructor(
    message: string,
    exitCode: typeof ExitCode.NotFound | typeof ExitCode.CannotExecute,
    options: AppErrorOptions = {},
  ) {
    super(message, options);
    this.exitCode = exitCode;
  }
}
