import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption } from "../../credential-options.js";
import { flagOption, optionalArg } from "../../options.js";

const args = { profile: optionalArg("profile", "the profile whose cached sessions go") };
const options = {
  all: flagOption("--all", "drop every cached session, of every profile"),
  json: jsonOption("also print how many sessions went, as JSON on stdout"),
  backend: backendOption(),
};

/** What `awsafe clear` is given. */
export type ClearInput = InputOf<typeof args, typeof options>;

/** `awsafe clear <profile> | --all`. */
export const clearCommand = defineCommand({
  name: "clear",
  description:
    "drop cached sessions (in the agent and the store) of a profile, or of all with --all; keys stay",
  args,
  options,
  examples: ["awsafe clear admin", "awsafe clear --all"],
  load: async () => (await import("./run-clear.js")).runClear,
});
