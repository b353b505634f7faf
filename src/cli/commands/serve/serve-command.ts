import { defineCommand, type InputOf, type OptionSpec } from "../../command-spec.js";
import { credentialOptions, pickableProfileArg } from "../../credential-options.js";
import { flagOption, textOption } from "../../options.js";
import { UsageError } from "../../../errors.js";

const portText = textOption("--port <port>", "the port on 127.0.0.1 (default: a free one)");

/** `--port`: 0 to 65535; 0 (the default) takes a free port. */
const port: OptionSpec<number> = {
  ...portText,
  read: (raw) => {
    const value = portText.read(raw);
    if (value === undefined) return 0;
    const number = Number(value);
    if (!/^\d{1,5}$/.test(value) || number > 65_535) {
      throw new UsageError(`--port must be a number from 0 to 65535, found "${value}"`, {
        hint: "Leave --port out to take a free port",
      });
    }
    return number;
  },
};

const args = { profile: pickableProfileArg };
const options = {
  port,
  ec2: flagOption("--ec2", "also serve the EC2 instance metadata (IMDSv2) flow"),
  ...credentialOptions,
};

/** What `awsafe serve` is given. */
export type ServeInput = InputOf<typeof args, typeof options>;

/** `awsafe serve <profile> [--port P] [--ec2] [credential options]`. */
export const serveCommand = defineCommand({
  name: "serve",
  description:
    "serve a profile's credentials on a loopback endpoint (ECS style; IMDSv2 with --ec2) until stopped",
  args,
  options,
  examples: ['eval "$(awsafe serve admin &)"   # or copy the printed export lines'],
  load: async () => (await import("./run-serve.js")).runServe,
});
