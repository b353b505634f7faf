import { defineCommand, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption } from "../../credential-options.js";

const args = {};
const options = { json: jsonOption(), backend: backendOption() };

/** What `awsafe list` is given. */
export type ListInput = InputOf<typeof args, typeof options>;

/** `awsafe list [--json] [--backend B]`. */
export const listCommand = defineCommand({
  name: "list",
  description: "list profiles, their regions and where their credentials come from",
  args,
  options,
  examples: [
    "awsafe list",
    "awsafe list --json | jq '.profiles[].name'",
    "AWSAFE_LIST_CACHE=off awsafe list   # read the files again: no cached table",
  ],
  load: async () => (await import("./run-list.js")).runList,
});
