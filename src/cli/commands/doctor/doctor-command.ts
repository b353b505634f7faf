import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption } from "../../credential-options.js";
import { flagOption, textOption } from "../../options.js";

const args = {};
const options = {
  profile: textOption(
    "--profile <name>",
    "also check the account with this profile's credentials (read-only IAM calls: see `awsafe iam policy audit-readonly`)",
  ),
  json: jsonOption("print the findings as JSON"),
  fix: flagOption(
    "--fix",
    "apply the local fixes (import plain-text keys, delete plain-text caches, tighten file modes), each after a yes; never changes the account",
  ),
  backend: backendOption(),
};

/** What `awsafe doctor` is given. */
export type DoctorInput = InputOf<typeof args, typeof options>;

/** `awsafe doctor [--profile P] [--json] [--fix] [--backend B]`. */
export const doctorCommand = defineCommand({
  name: "doctor",
  description:
    "check this machine (and with --profile, the AWS account) against the practice; exit 1 when anything is ✗",
  args,
  options,
  examples: ["awsafe doctor", "awsafe doctor --profile audit", "awsafe doctor --fix"],
  load: async () => (await import("./run-doctor.js")).runDoctor,
});
