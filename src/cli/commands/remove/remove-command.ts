import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption } from "../../credential-options.js";
import { flagOption, requiredArg } from "../../options.js";

const args = { profile: requiredArg("profile", "the profile whose stored items go") };
const options = {
  sessions: flagOption(
    "--sessions",
    "delete only the profile's cached sessions (in the agent and the store), not its key",
  ),
  force: flagOption("--force", "delete without asking"),
  backend: backendOption(),
};

/** What `awsafe remove` is given. */
export type RemoveInput = InputOf<typeof args, typeof options>;

/** `awsafe remove <profile> [--sessions] [--force] [--backend B]`. */
export const removeCommand = defineCommand({
  name: "remove",
  description:
    "delete a profile's stored key and the sessions made from it (or, with --sessions, only its sessions)",
  args,
  options,
  examples: ["awsafe remove me", "awsafe remove me --sessions"],
  load: async () => (await import("./run-remove.js")).runRemove,
});
