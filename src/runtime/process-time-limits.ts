import { UsageError } from "../errors.js";
import type { Environment } from "../ports/environment.js";
import type { TimeLimit } from "../process/spawn-command-runner.js";

/** The time limits of the commands awsafe runs to get a secret. */
export interface ProcessTimeLimits {
  /** `mfa_process`, `credential_process`, ykman. */
  readonly program: TimeLimit;
  /** The zenity/kdialog/osascript dialogs and `pass` (gpg may ask for a passphrase). */
  readonly person: TimeLimit;
}

/**
 * A program answers in seconds; one that has not in a minute is stuck, and holds the caller (and,
 * in the agent, the single-flight lock every other request for that session waits on).
 */
const defaultProgramSeconds = 60;
/** A person reads a dialog, finds the device and types the code. */
const defaultPersonSeconds = 300;
/** A day: anything longer is a typo, not a limit. */
const maxSeconds = 86_400;

/**
 * The limits `AWSAFE_PROCESS_TIMEOUT_SECONDS` and `AWSAFE_PROMPT_TIMEOUT_SECONDS` set, else the
 * defaults (60 s and 5 minutes).
 *
 * @throws UsageError when a variable is set to anything but a whole number of seconds, 1 to 86400.
 */
export function processTimeLimits(env: Environment): ProcessTimeLimits {
  return {
    program: limitFrom(env, "AWSAFE_PROCESS_TIMEOUT_SECONDS", defaultProgramSeconds),
    person: limitFrom(env, "AWSAFE_PROMPT_TIMEOUT_SECONDS", defaultPersonSeconds),
  };
}

function limitFrom(env: Environment, variable: string, defaultSeconds: number): TimeLimit {
  const value = env[variable];
  if (value === undefined || value === "") return { ms: defaultSeconds * 1000, variable };
  const seconds = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 1 && seconds <= maxSeconds)) {
    throw new UsageError(`${variable} must be a whole number of seconds, not "${value}"`, {
      hint: `Set it to 1 to ${maxSeconds} (default ${defaultSeconds}), or unset it`,
    });
  }
  return { ms: seconds * 1000, variable };
}
