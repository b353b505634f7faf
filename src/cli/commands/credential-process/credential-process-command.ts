import { defineCommand, type InputOf } from "../../command-spec.js";
import { credentialOptions, profileArg } from "../../credential-options.js";

const args = { profile: profileArg };
const options = credentialOptions;

/** What `awsafe credential-process` is given. */
export type CredentialProcessInput = InputOf<typeof args, typeof options>;

/** `awsafe credential-process <profile> [credential options]`. */
export const credentialProcessCommand = defineCommand({
  name: "credential-process",
  description:
    "print a profile's temporary credentials as credential_process JSON (for ~/.aws/config)",
  args,
  options,
  examples: [
    "awsafe credential-process admin   # as credential_process in ~/.aws/config",
    "awsafe credential-process admin --no-agent",
  ],
  load: async () => (await import("./run-credential-process.js")).runCredentialProcess,
});
