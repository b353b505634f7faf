import { UsageError } from "../../errors.js";
import type { Environment } from "../../ports/environment.js";
import type { CliIo } from "../io.js";

/**
 * The profile a command works for: the one named on its command line; else, when a person is
 * at a terminal (stdin and stderr) and neither `AWS_PROFILE` nor `AWS_DEFAULT_PROFILE` chose
 * one, the profile they pick from a list of the shared files'; else what `orElse` says — the
 * command's usual default (`AWS_PROFILE`, then `default`) or its usage error. Never a picker
 * with `AWSAFE_PROMPT=none` or in CI (`CI` set), where a missing profile stays what it was.
 *
 * @throws InterruptedError when the picker is left with Ctrl-C (exit 130).
 */
export async function profileOrPick(
  io: CliIo,
  named: string | undefined,
  command: string,
  orElse: () => string,
): Promise<string> {
  if (named !== undefined) return named;
  if (!pickerCanShow(io)) return orElse();
  const { pickProfile } = await import("./pick-profile.js");
  const picked = await pickProfile(io, command, { input: process.stdin, output: process.stderr });
  return picked ?? orElse();
}

/**
 * The usage error of a command that cannot run without a profile, word for word what the parser
 * said before the profile became optional to it: scripts see no change.
 */
export function missingProfileError(command: string): UsageError {
  return new UsageError("missing required argument 'profile'", {
    hint: `run \`awsafe ${command} --help\` for its arguments and options`,
  });
}

function pickerCanShow(io: CliIo): boolean {
  if (chosen(io.env.AWS_PROFILE) || chosen(io.env.AWS_DEFAULT_PROFILE)) return false;
  if (io.env.AWSAFE_PROMPT === "none" || inCi(io.env)) return false;
  return process.stdin.isTTY && "isTTY" in io.stderr && io.stderr.isTTY === true;
}

function chosen(value: string | undefined): boolean {
  return value !== undefined && value !== "";
}

/** `CI=true` (and any other value but `false` or `0`), as CI services set it. */
function inCi(env: Environment): boolean {
  const value = env.CI;
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}
