import { ExitCode, UsageError } from "../../errors.js";
import type { CommandRun } from "../command-table.js";
import { positional } from "../command-input.js";
import { obtainCredentials } from "../../runtime/obtain-credentials.js";
import { formatCredentials } from "../format/format-credentials.js";

/**
 * `awsafe credential-process <profile>`: what `credential_process = ...` in `~/.aws/config` runs.
 * Prints only the Version 1 JSON on stdout; prompts go to the terminal, messages to stderr.
 */
export const run: CommandRun = async (input, io) => {
  const profile = positional(input, 0);
  if (profile === undefined) throw new UsageError("credential-process needs a profile name");
  const resolved = await obtainCredentials(io, input, profile);
  io.stdout.write(formatCredentials("process", resolved.credentials, resolved));
  return ExitCode.Ok;
};
