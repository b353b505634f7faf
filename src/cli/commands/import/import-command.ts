import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption } from "../../credential-options.js";
import { flagOption, listOption } from "../../options.js";

const args = {};
const options = {
  profiles: listOption("--profile <name>", "import this profile only (repeatable)"),
  dryRun: flagOption("--dry-run", "show what would change, change nothing"),
  keepPlaintextBackup: flagOption(
    "--keep-plaintext-backup",
    "also keep a plain-text copy (mode 0600) of each changed file",
  ),
  fixProfilePrefix: flagOption(
    "--fix-profile-prefix",
    "import the keys of a credentials-file [profile NAME] section as profile NAME (asked on a terminal otherwise)",
  ),
  routeRoles: flagOption(
    "--route-roles",
    "also route the role profiles whose source is imported through awsafe (as configure --credential-process)",
  ),
  json: jsonOption("also print what was (or would be) done as JSON on stdout"),
  backend: backendOption(),
};

/** What `awsafe import` is given. */
export type ImportInput = InputOf<typeof args, typeof options>;

/**
 * `awsafe import [--profile P]... [--dry-run] [--keep-plaintext-backup] [--fix-profile-prefix]
 * [--route-roles] [--backend B]`.
 */
export const importCommand = defineCommand({
  name: "import",
  description:
    "move plain-text keys from the shared files into the secret store and point the profiles at awsafe (credential_process)",
  args,
  options,
  examples: [
    "awsafe import --dry-run",
    "awsafe import --profile me",
    "awsafe import --route-roles",
  ],
  load: async () => (await import("./run-import.js")).runImport,
});
