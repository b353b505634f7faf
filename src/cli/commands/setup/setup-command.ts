import { UsageError } from "../../../errors.js";
import { defineCommand, type InputOf, type OptionSpec } from "../../command-spec.js";
import { backendOption } from "../../credential-options.js";
import { flagOption, negatedFlag, textOption } from "../../options.js";

/** `--import P` (repeatable): the profiles whose keys to import; `--no-import` files `false`. */
const importProfiles: OptionSpec<readonly string[]> = {
  flags: "--import <profile>",
  description: "import this profile's plain-text keys (repeatable; default: each one, asked)",
  repeatable: true,
  read: (raw) => {
    if (raw === undefined || raw === false) return [];
    if (Array.isArray(raw) && raw.every((item) => typeof item === "string")) return raw;
    throw new UsageError("--import takes a profile name");
  },
};

const args = {};
const options = {
  importProfiles,
  noImport: negatedFlag(
    "--no-import",
    "import nothing: the source profile's keys are already in awsafe's store",
  ),
  sourceProfile: textOption(
    "--source-profile <name>",
    "the profile whose keys assume the role (default: the one imported)",
  ),
  mfaSerial: textOption(
    "--mfa-serial <arn>",
    "the MFA device (default: the one IAM's ListMFADevices lists for the keys)",
  ),
  roleArn: textOption(
    "--role-arn <arn>",
    "the role to work in (default: the role your config already names for the keys)",
  ),
  profileName: textOption(
    "--profile-name <name>",
    "the role profile to write (default: the existing one for that role, or one from its name)",
  ),
  region: textOption("--region <region>", "the role profile's region (default: the source's)"),
  mfaProcess: textOption(
    "--mfa-process <command>",
    "a command that prints the MFA code (e.g. a password manager's --otp), written as mfa_process",
  ),
  noVerify: negatedFlag(
    "--no-verify",
    "skip the proof (one GetCallerIdentity through the AWS CLI's credential_process path)",
  ),
  yes: flagOption("-y, --yes", "ask nothing: take the flags, and the suggestions for the rest"),
  backend: backendOption(),
};

/** What `awsafe setup` is given. */
export type SetupInput = InputOf<typeof args, typeof options>;

/** `awsafe setup [--import P]... [--role-arn A] [--mfa-serial S] [--profile-name N] [--yes] ...`. */
export const setupCommand = defineCommand({
  name: "setup",
  description:
    "a guided first run: import plain-text keys, write a role profile behind MFA routed through awsafe, prove it, say how to undo it",
  args,
  options,
  examples: [
    "awsafe setup",
    "awsafe setup --yes --role-arn arn:aws:iam::210987654321:role/AdminRole --profile-name admin",
    "awsafe setup --no-import --source-profile me --role-arn arn:aws:iam::210987654321:role/ReadOnly --mfa-serial arn:aws:iam::123456789012:mfa/me --yes",
  ],
  load: async () => (await import("./run-setup.js")).runSetup,
});
