import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption } from "../../credential-options.js";
import { optionalArg } from "../../options.js";

const args = {
  profile: optionalArg(
    "profile",
    "the profile (default: AWS_PROFILE, AWS_DEFAULT_PROFILE; neither set, on a terminal: pick it from a list; else default)",
  ),
};
const options = { json: jsonOption(), backend: backendOption() };

/** What `awsafe explain` is given. */
export type ExplainInput = InputOf<typeof args, typeof options>;

/** `awsafe explain [profile] [--json] [--backend B]`. */
export const explainCommand = defineCommand({
  name: "explain",
  description: "show the credential plan of a profile, step by step, without calling AWS",
  args,
  options,
  examples: ["awsafe explain admin", "AWS_PROFILE=admin awsafe explain --json"],
  load: async () => (await import("./run-explain.js")).runExplain,
});
