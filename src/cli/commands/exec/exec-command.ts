import { defineCommand, type InputOf } from "../../command-spec.js";
import { credentialOptions, pickableProfileArg } from "../../credential-options.js";
import { flagOption, variadicArg } from "../../options.js";

const args = {
  profile: {
    ...pickableProfileArg,
    description:
      "the profile in ~/.aws/config, before --; none before -- (`awsafe exec -- cmd`), on a terminal and no AWS_PROFILE: pick it from a list",
  },
  command: variadicArg("command", "the command and its arguments, after -- (default: $SHELL)"),
};
const options = {
  server: flagOption(
    "--server",
    "give the command a local credential endpoint that refreshes them, instead of keys",
  ),
  ...credentialOptions,
};

/** What `awsafe exec` is given. */
export type ExecInput = InputOf<typeof args, typeof options>;

/** `awsafe exec <profile> [options] -- <command> [args...]`. */
export const execCommand = defineCommand({
  name: "exec",
  description:
    "run a command (after --) with temporary credentials in a clean environment; no command: $SHELL",
  args,
  options,
  examples: [
    "awsafe exec admin -- aws s3 ls",
    "awsafe exec admin --server -- terraform apply",
    "awsafe exec -- aws s3 ls   # no profile before --: pick one from a list",
  ],
  load: async () => (await import("./run-exec.js")).runExec,
});
