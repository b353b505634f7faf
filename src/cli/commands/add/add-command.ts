import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption } from "../../credential-options.js";
import { flagOption, requiredArg } from "../../options.js";

const args = { profile: requiredArg("profile", "the profile the key is for") };
const options = {
  env: flagOption("--env", "take the key from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
  force: flagOption("--force", "replace a different stored key without asking"),
  backend: backendOption(),
};

/** What `awsafe add` is given. */
export type AddInput = InputOf<typeof args, typeof options>;

/** `awsafe add <profile> [--env] [--force] [--backend B]`. */
export const addCommand = defineCommand({
  name: "add",
  description: "store a profile's long-term access key in the secret store (asked for, hidden)",
  args,
  options,
  examples: [
    "awsafe add me",
    "AWS_ACCESS_KEY_ID=AKIA... AWS_SECRET_ACCESS_KEY=... awsafe add me --env",
  ],
  load: async () => (await import("./run-add.js")).runAdd,
});
