import { defineCommand, type InputOf } from "../../command-spec.js";
import { choiceOption } from "../../options.js";

const backends = ["keychain", "file", "pass"] as const;
const args = {};
const options = {
  from: choiceOption(
    "--from <backend>",
    "the backend to empty: keychain, file or pass",
    backends,
    undefined,
  ),
  to: choiceOption(
    "--to <backend>",
    "the backend to fill: keychain, file or pass",
    backends,
    undefined,
  ),
};

/** What `awsafe migrate` is given. */
export type MigrateInput = InputOf<typeof args, typeof options>;

/** `awsafe migrate --from B1 --to B2`. */
export const migrateCommand = defineCommand({
  name: "migrate",
  description:
    "move every stored item to another backend, verify, delete the source, and use the new backend",
  args,
  options,
  examples: ["awsafe migrate --from keychain --to file", "awsafe migrate --from file --to pass"],
  load: async () => (await import("./run-migrate.js")).runMigrate,
});
