import { execEnvironment, refuseNestedExec } from "../../app/exec-environment.js";

import { UsageError } from "../../errors.js";
import { runChild } from "../../process/run-child.js";
import type { CommandRun } from "../command-table.js";
import { positional } from "../command-input.js";
import { obtainCredentials } from "../obtain-credentials.js";

/**
 * `awsafe exec <profile> [options] -- <command> [args...]`: runs the command with temporary
 * credentials in a clean environment (the user's `$SHELL` when no command is given) and returns
 * its exit code, or 128 + signal.
 */
export const run: CommandRun = async (input, io) => {
  const profile = positional(input, 0);
  if (profile === undefined) throw new UsageError("exec needs a profile name");
  refuseNestedExec(io.env);
  const [program, ...args] = commandWords(input.positionals[1], io.env.SHELL);
  const resolved = await obtainCredentials(io, input, profile);
  return runChild(program, args, execEnvironment(io.env, resolved));
};

function commandWords(value: unknown, shell: string | undefined): [string, ...string[]] {
  const words = Array.isArray(value) ? value.filter((word) => typeof word === "string") : [];
  const [program, ...args] = words;
  if (program !== undefined) return [program, ...args];
  return [shell === undefined || shell === "" ? "/bin/sh" : shell];
}
