/**
 * Runs a configured command (`credential_process`, `mfa_process`) the way botocore does: the
 * line is split into words with POSIX shell rules and run without a shell.
 */
export interface CommandRunner {
  /** Runs a command line from a setting, or an argument vector awsafe built itself. */
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
}

/** What it did. */
export interface CommandResult {
  readonly exitCode: number | null;
  /** Set when a signal ended it. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** Empty when stderr was inherited. */
  readonly stderr: string;
}
