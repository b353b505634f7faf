import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption, credentialOptions, jsonOption } from "../../credential-options.js";
import { flagOption, negatedFlag, optionalArg } from "../../options.js";

const args = {
  profile: optionalArg(
    "profile",
    "the profile whose stored access key is replaced (neither it nor --all, on a terminal: pick it from a list)",
  ),
};
const options = {
  all: flagOption("--all", "rotate every profile with a stored key, one after the other"),
  noSession: negatedFlag(
    "--no-session",
    "call IAM with the long-term key itself instead of an MFA session of it",
  ),
  mfaToken: credentialOptions.mfaToken,
  deleteInactive: flagOption(
    "--delete-inactive",
    "delete the user's other, inactive key without asking (IAM allows two keys)",
  ),
  json: jsonOption("print what was done as JSON (key IDs redacted)"),
  noAgent: credentialOptions.noAgent,
  backend: backendOption(),
};

/** What `awsafe rotate` is given. */
export type RotateInput = InputOf<typeof args, typeof options>;

/** `awsafe rotate <profile> | --all [--no-session] [--mfa-token T] [--delete-inactive] [--json]`. */
export const rotateCommand = defineCommand({
  name: "rotate",
  description:
    "replace a profile's stored access key: new key, checked, stored, old key deleted; a rerun finishes an interrupted rotation",
  args,
  options,
  examples: ["awsafe rotate me", "awsafe rotate --all", "awsafe rotate me --no-session"],
  load: async () => (await import("./run-rotate.js")).runRotate,
});
