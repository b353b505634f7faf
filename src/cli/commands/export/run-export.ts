import { ExitCode } from "../../../errors.js";
import { obtainCredentials } from "../../../runtime/obtain-credentials.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import { formatCredentials } from "../../format/format-credentials.js";
import type { ExportInput } from "./export-command.js";

/** `awsafe export <profile> --format F`: temporary credentials as text for a shell or a file. */
export const runExport: CommandRun<ExportInput> = async (input, io) => {
  const resolved = await obtainCredentials(io, credentialRequest(input.profile, input));
  io.stdout.write(formatCredentials(input.format, resolved.credentials, resolved));
  return ExitCode.Ok;
};
