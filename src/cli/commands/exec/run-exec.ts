import { refuseNestedExec } from "../../../app/credentials/exec-environment.js";
import { execWithCredentials } from "../../../runtime/exec-with-credentials.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import { missingProfileError, profileOrPick } from "../../pick-profile/profile-or-pick.js";
import type { ExecInput } from "./exec-command.js";

/**
 * `awsafe exec [profile] [options] -- <command> [args...]`: the command (the user's `$SHELL`
 * when none is given) with temporary credentials; its exit code is awsafe's. No profile before
 * `--` (or no words at all): the profile picker on a terminal, else the usage error.
 */
export const runExec: CommandRun<ExecInput> = async (input, io) => {
  const [program, ...args] = input.command;
  const shell = io.env.SHELL === undefined || io.env.SHELL === "" ? "/bin/sh" : io.env.SHELL;
  // Refused before the picker, so no profile is picked for a command that cannot run.
  refuseNestedExec(io.env);
  const profile = await profileOrPick(io, input.profile, "exec", () => {
    throw missingProfileError("exec");
  });
  return execWithCredentials(io, credentialRequest(profile, input), {
    program: program ?? shell,
    args: program === undefined ? [] : args,
    server: input.server,
    warn: (line) => io.stderr.write(`awsafe exec: ${line}\n`),
  });
};
