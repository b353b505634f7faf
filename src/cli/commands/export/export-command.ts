import { defineCommand, type InputOf } from "../../command-spec.js";
import { credentialOptions, pickableProfileArg } from "../../credential-options.js";
import { exportFormats } from "../../format/format-credentials.js";
import { choiceOption } from "../../options.js";

const args = { profile: pickableProfileArg };
const options = {
  format: choiceOption(
    "--format <format>",
    "env, dotenv, fish, powershell, json, process or ini",
    exportFormats,
    "env",
  ),
  ...credentialOptions,
};

/** What `awsafe export` is given. */
export type ExportInput = InputOf<typeof args, typeof options>;

/** `awsafe export <profile> --format F [credential options]`. */
export const exportCommand = defineCommand({
  name: "export",
  description: "print a profile's temporary credentials for a shell, a file or a program",
  args,
  options,
  examples: [
    'eval "$(awsafe export admin)"',
    "awsafe export admin --format json",
    'eval "$(awsafe export)"   # pick the profile from a list (drawn on stderr)',
  ],
  load: async () => (await import("./run-export.js")).runExport,
});
