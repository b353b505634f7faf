import { execWithCredentials } from "../../../runtime/exec-with-credentials.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import type { ExecInput } from "./exec-command.js";

/**
 * `awsafe exec <profile> [options] -- <command> [args...]`: the command (the user's `$SHELL`
 * when none is given) with temporary credentials; its exit code is awsafe's.
 */
export const runExec: CommandRun<ExecInput> = (input, io) => {
  const [program, ...args] = input.command;
  const shell = io.env.SHELL === undefined || io.env.SHELL === "" ? "/bin/sh" : io.env.SHELL;
  return execWithCredentials(io, credentialRequest(input.profile, input), {
    program: program ?? shell,
    args: program === undefined ? [] : args,
    server: input.server,
    warn: (line) => io.stderr.write(`awsafe exec: ${line}\n`),
  });
};
