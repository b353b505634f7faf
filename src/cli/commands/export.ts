import { ExitCode, UsageError } from "../../errors.js";
import type { CommandRun } from "../command-table.js";
import { positional, stringOption } from "../command-input.js";
import { obtainCredentials } from "../../runtime/obtain-credentials.js";
import { exportFormats, formatCredentials, isExportFormat } from "../format/format-credentials.js";

/** `awsafe export <profile> --format F`: temporary credentials as text for a shell or a file. */
export const run: CommandRun = async (input, io) => {
  const profile = positional(input, 0);
  if (profile === undefined) throw new UsageError("export needs a profile name");
  const format = stringOption(input, "format") ?? "env";
  if (!isExportFormat(format)) {
    throw new UsageError(`Unknown export format "${format}"`, {
      hint: `Use one of: ${exportFormats.join(", ")}`,
    });
  }
  const resolved = await obtainCredentials(io, input, profile);
  io.stdout.write(formatCredentials(format, resolved.credentials, resolved));
  return ExitCode.Ok;
};
