import { configureProfile } from "../../app/configure/configure-profile.js";
import { credentialProcessLine } from "../../config/awsafe-process-line.js";
import { ExitCode, UsageError } from "../../errors.js";
import type { CommandRun } from "../command-table.js";
import { positional, stringOption } from "../command-input.js";
import { storedKeyProfiles } from "../../runtime/inspect-store.js";
import { configureOptions } from "./configure-options.js";

/** `awsafe configure <profile> --role-arn A --source-profile S ...`: write a profile's settings. */
export const run: CommandRun = async (input, io) => {
  const profile = positional(input, 0);
  if (profile === undefined) throw new UsageError("configure needs a profile name");
  const values: Record<string, string> = {};
  for (const { option, key } of configureOptions) {
    const value =
      option === "credentialProcess" && input.options[option] === true
        ? credentialProcessLine(io.selfCommand, profile)
        : stringOption(input, option);
    if (value !== undefined) values[key] = value;
  }
  if (Object.keys(values).length === 0) {
    throw new UsageError(`nothing to configure for profile "${profile}"`, {
      hint: "give at least one setting, e.g. --role-arn ARN --source-profile NAME --mfa-serial ARN",
    });
  }
  const result = await configureProfile(
    io,
    profile,
    values,
    await storedKeyProfiles(io, undefined),
  );
  const files =
    result.changedFiles.length === 0
      ? "nothing changed"
      : `wrote ${result.changedFiles.join(", ")}`;
  io.stderr.write(`configured profile "${profile}": ${files}\n`);
  if (result.problem !== undefined)
    io.stderr.write(`warning: the profile cannot be used yet: ${result.problem}\n`);
  return ExitCode.Ok;
};
