import { ExitCode } from "../../../errors.js";
import { obtainCredentials } from "../../../runtime/obtain-credentials.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import { processOutput } from "../../../ports/credentials-json.js";
import type { CredentialProcessInput } from "./credential-process-command.js";

/**
 * `awsafe credential-process <profile>`: what `credential_process = ...` in `~/.aws/config` runs.
 * Prints only the Version 1 JSON on stdout; prompts go to the terminal, messages to stderr.
 */
export const runCredentialProcess: CommandRun<CredentialProcessInput> = async (input, io) => {
  const resolved = await obtainCredentials(io, credentialRequest(input.profile, input));
  io.stdout.write(processOutput(resolved.credentials));
  return ExitCode.Ok;
};
