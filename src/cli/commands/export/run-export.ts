import { ExitCode } from "../../../errors.js";
import { obtainCredentials } from "../../../runtime/obtain-credentials.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import { formatCredentials } from "../../format/format-credentials.js";
import { missingProfileError, profileOrPick } from "../../pick-profile/profile-or-pick.js";
import type { ExportInput } from "./export-command.js";

/**
 * `awsafe export [profile] --format F`: temporary credentials as text for a shell or a file; no
 * profile: the profile picker on a terminal (drawn on stderr, so `eval "$(awsafe export)"`
 * works), else the usage error.
 */
export const runExport: CommandRun<ExportInput> = async (input, io) => {
  const profile = await profileOrPick(io, input.profile, "export", () => {
    throw missingProfileError("export");
  });
  const resolved = await obtainCredentials(io, credentialRequest(profile, input));
  io.stdout.write(formatCredentials(input.format, resolved.credentials, resolved));
  return ExitCode.Ok;
};
