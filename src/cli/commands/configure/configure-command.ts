import { defineCommand, type InputOf, type OptionSpec } from "../../command-spec.js";
import { UsageError } from "../../../errors.js";
import { requiredArg, textOption } from "../../options.js";
import { configureOptions } from "./configure-options.js";

/**
 * `--credential-process [command]`: a command line, or (given without one) this awsafe's own
 * `credential-process <profile>` line.
 */
const credentialProcess: OptionSpec<{ readonly self: true } | string | undefined> = {
  flags: "--credential-process [command]",
  description: "set credential_process; without a command: this awsafe's own line for the profile",
  read: (raw) => {
    if (raw === undefined) return undefined;
    if (raw === true) return { self: true };
    if (typeof raw === "string") return raw;
    throw new UsageError("--credential-process takes at most one value");
  },
};

const args = { profile: requiredArg("profile", "the profile to create or update") };

/** Each setting's option, by its shared-file key. */
const settingOptions: Readonly<Record<string, OptionSpec<string | undefined>>> = Object.fromEntries(
  configureOptions.map(({ key, flag }) => [key, textOption(flag, `set ${key}`)]),
);
const options = { ...settingOptions, credential_process: credentialProcess };

/** What `awsafe configure` is given: the profile, and each setting by its shared-file key. */
export type ConfigureInput = InputOf<typeof args, typeof options>;

/** `awsafe configure <profile> --role-arn A --source-profile S ...`. */
export const configureCommand = defineCommand({
  name: "configure",
  description: "create or update a profile's settings, keeping comments (like `aws configure set`)",
  args,
  options,
  examples: [
    "awsafe configure admin --role-arn arn:aws:iam::123456789012:role/Admin --source-profile me --mfa-serial arn:aws:iam::111111111111:mfa/me",
    "awsafe configure admin --credential-process",
  ],
  load: async () => (await import("./run-configure.js")).runConfigure,
});
