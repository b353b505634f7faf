import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption } from "../../credential-options.js";
import { flagOption, requiredArg } from "../../options.js";

const args = { profile: requiredArg("profile", "the profile whose stored items go") };
const options = {
  sessions: flagOption(
    "--sessions",
    "delete the sessions cached in the store (by --no-agent runs) made from the profile's key, instead of the key",
  ),
  force: flagOption("--force", "delete without asking"),
  backend: backendOption(),
};

/** What `awsafe remove` is given. */
export type RemoveInput = InputOf<typeof args, typeof options>;

/** `awsafe remove <profile> [--sessions] [--force] [--backend B]`. */
export const removeCommand = defineCommand({
  name: "remove",
  description: "delete a profile's stored key (or, with --sessions, its cached sessions)",
  args,
  options,
  examples: ["awsafe remove me", "awsafe remove me --sessions"],
  load: async () => (await import("./run-remove.js")).runRemove,
});
