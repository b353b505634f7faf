import { browserNames } from "../../../ports/browser.js";
import { defineCommand, type InputOf, type OptionSpec } from "../../command-spec.js";
import { credentialOptions } from "../../credential-options.js";
import {
  choiceOption,
  durationOption,
  flagOption,
  optionalArg,
  textOption,
} from "../../options.js";

const args = {
  profile: optionalArg(
    "profile",
    "the profile (default: AWS_PROFILE, AWS_DEFAULT_PROFILE; neither set, on a terminal: pick it from a list; else default)",
  ),
};

/**
 * `--isolate` and `--no-isolate` are one switch to commander (attribute `isolate`): true, false,
 * or undefined when neither is given, which leaves the choice to the browser.
 */
function isolateOption(
  flags: "--isolate" | "--no-isolate",
  description: string,
): OptionSpec<boolean | undefined> {
  return {
    flags,
    description,
    read: (raw) => (typeof raw === "boolean" ? raw : undefined),
  };
}

const options = {
  region: credentialOptions.region,
  destination: textOption(
    "--destination <url>",
    "the console page to open: an https URL on console.aws.amazon.com (or a subdomain), console.amazonaws.cn or console.amazonaws-us-gov.com",
  ),
  service: textOption(
    "--service <name>",
    "open that service's console in the region: s3, ec2, iam, ...",
  ),
  duration: durationOption(
    "--duration <duration>",
    "the console session: 15m to 12h; above 1h a role is assumed straight from the stored key with MFA (default: as long as the credentials)",
  ),
  stdout: flagOption("--stdout", "print the login URL (a secret) instead of opening a browser"),
  browser: choiceOption(
    "--browser <name>",
    `${browserNames.join(", ")} (default: AWSAFE_BROWSER, else the system's default browser)`,
    browserNames,
    undefined,
  ),
  isolate: isolateOption(
    "--isolate",
    "one signed-in console per profile: a user-data dir of its own (Chromium family) or a container (Firefox); the default for those browsers",
  ),
  noIsolate: isolateOption(
    "--no-isolate",
    "use the browser's own profile (logging out of any other account first)",
  ),
  mfaToken: credentialOptions.mfaToken,
  noAgent: credentialOptions.noAgent,
  backend: credentialOptions.backend,
} as const;

/** What `awsafe login` is given. */
export type LoginInput = InputOf<typeof args, typeof options>;

/** `awsafe login [profile] [--region R] [--destination URL | --service S] [--duration D] ...`. */
export const loginCommand = defineCommand({
  name: "login",
  description:
    "open the AWS console signed in with a profile's temporary credentials (no password), one isolated browser profile per profile",
  args,
  options,
  examples: [
    "awsafe login admin",
    "awsafe login admin --service s3 --browser firefox",
    "awsafe login admin --stdout   # prints the login URL: a secret for 15 minutes",
  ],
  load: async () => (await import("./run-login.js")).runLogin,
});
