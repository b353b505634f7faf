import { selectedProfileName } from "../../../config/locate-shared-config.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { loginToConsole } from "../../../runtime/console-login.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import { profileOrPick } from "../../pick-profile/profile-or-pick.js";
import type { LoginInput } from "./login-command.js";

/**
 * `awsafe login [profile]` (no profile: the picker on a terminal, else `AWS_PROFILE` or
 * `default`): opens the console in a browser through a one-time loopback address,
 * or prints the login URL with `--stdout` (the only place it is ever shown).
 */
export const runLogin: CommandRun<LoginInput> = async (input, io) => {
  if (input.stdout && (input.browser !== undefined || input.isolate !== undefined)) {
    throw new UsageError(
      "--stdout opens no browser, so --browser and --isolate mean nothing with it",
      {
        hint: "Leave out --stdout to open the console, or the browser options to print the URL",
      },
    );
  }
  const profile = await profileOrPick(io, input.profile, "login", () =>
    selectedProfileName(io.env),
  );
  const { mfaToken } = credentialRequest(profile, {
    region: input.region,
    duration: undefined,
    noSession: false,
    mfaToken: input.mfaToken,
    noAgent: input.noAgent,
    backend: input.backend,
  });
  const result = await loginToConsole(io, {
    profile,
    region: input.region,
    destination: input.destination,
    service: input.service,
    durationSeconds: input.duration,
    stdout: input.stdout,
    browser: input.browser,
    isolate: input.isolate,
    agent: !input.noAgent,
    backend: input.backend,
    mfaToken,
  });
  if (result.kind === "url") {
    io.stdout.write(`${result.url}\n`);
  } else {
    io.stderr.write(
      `awsafe: opened the AWS console of profile "${profile}" in ${result.browser}\n`,
    );
  }
  return ExitCode.Ok;
};
