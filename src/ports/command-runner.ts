/**
 * Runs a configured command (`credential_process`, `mfa_process`) the way botocore does: the
 * line is split into words with POSIX shell rules and run without a shell.
 */
export interface CommandRunner {
  /**
   * Runs a command line from a setting, or an argument vector awsafe built itself.
   *
   * @throws AuthError when the command prints more than `maxOutputBytes` or outlives its time
   *   limit (it is killed first); ConfigError when it cannot be started.
   */
  run(command: string | CommandVector, options: RunCommandOptions): Promise<CommandResult>;
}

/** A program and its arguments. */
export type CommandVector = readonly [string, ...string[]];

/** How to run it. */
export interface RunCommandOptions {
  /**
   * `inherit` lets the command talk to the user on stderr (a password manager asking to be
   * unlocked); `capture` keeps its stderr for the error message.
   */
  readonly stderr: "inherit" | "capture";
  /** What the command is, for error messages: `mfa_process of profile "admin"`. */
  readonly subject: string;
  /** The most it may print on stdout; past it the command is killed and the run fails. */
  readonly maxOutputBytes: number;
  /**
   * Whose pace it runs at, which picks its time limit: a program's (`mfa_process`,
   * `credential_process`, ykman) or a person's typing into a dialog.
   */
  readonly pace: "program" | "person";
}

/** What it did. */
export interface CommandResult {
  readonly exitCode: number | null;
  /** Set when a signal ended it. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** Empty when stderr was inherited; the end of it when it was long. */
  readonly stderr: string;
}
