import { configureProfile } from "../../../app/configure/configure-profile.js";
import { credentialProcessLine } from "../../../config/awsafe-process-line.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { storedKeyProfiles } from "../../../runtime/inspect-store.js";
import { chooseStoringBackend, recordFirstBackend } from "../../../runtime/storing-backend.js";
import type { CommandRun } from "../../command-spec.js";
import type { ConfigureInput } from "./configure-command.js";
import { configureOptions } from "./configure-options.js";

const settingKeys = new Set<string>(configureOptions.map(({ key }) => key));

/** `awsafe configure <profile> --role-arn A --source-profile S ...`: write a profile's settings. */
export const runConfigure: CommandRun<ConfigureInput> = async (input, io) => {
  const { profile } = input;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (settingKeys.has(key) && typeof value === "string") values[key] = value;
  }
  const process = input.credential_process;
  // awsafe's own line reads the recorded store: one AWSAFE_BACKEND chose is recorded now.
  const ownLine =
    process !== undefined && typeof process !== "string"
      ? chooseStoringBackend(io, undefined)
      : undefined;
  if (process !== undefined) {
    values.credential_process =
      typeof process === "string" ? process : credentialProcessLine(io.selfCommand, profile);
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
  if (ownLine?.source === "env") await recordFirstBackend(io, ownLine);
  if (result.problem !== undefined)
    io.stderr.write(`warning: the profile cannot be used yet: ${result.problem}\n`);
  return ExitCode.Ok;
};
