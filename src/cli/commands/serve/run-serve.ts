import type { ServedProfile } from "../../../endpoint/serve-profile.js";
import { ExitCode } from "../../../errors.js";
import { serveCredentials } from "../../../runtime/serve-credentials.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import { posixExports } from "../../format/posix-exports.js";
import { missingProfileError, profileOrPick } from "../../pick-profile/profile-or-pick.js";
import type { ServeInput } from "./serve-command.js";

/**
 * `awsafe serve [profile] [--port P] [--ec2]` (no profile: the picker on a terminal): serves the profile's credentials on
 * `127.0.0.1` until SIGINT (exit 130) or SIGTERM (exit 0), refreshing them before they expire.
 * Prints the variables a program needs to use it, one `export` line each, on stdout.
 */
export const runServe: CommandRun<ServeInput> = async (input, io) => {
  const profile = await profileOrPick(io, input.profile, "serve", () => {
    throw missingProfileError("serve");
  });
  const request = credentialRequest(profile, input);
  const { served, resolved: first } = await serveCredentials(io, request, {
    log: (line) => io.stderr.write(`awsafe serve: ${line}\n`),
    warn: (line) => io.stderr.write(`awsafe serve: ${line}\n`),
    port: input.port,
    ec2: input.ec2,
  });
  let regionLines: string;
  try {
    // A region no shell can hold stops the command before its token is printed.
    regionLines = posixExports(
      first.region === undefined
        ? []
        : [
            ["AWS_REGION", first.region],
            ["AWS_DEFAULT_REGION", first.region],
          ],
    );
  } catch (error) {
    await served.stop();
    throw error;
  }
  // Listening for the signals before printing: whoever reads the lines may stop us at once.
  const stopped = stopSignal();
  io.stdout.write(posixExports(endpointVariables(served)) + regionLines);
  io.stderr.write(
    `awsafe serve: serving profile "${profile}" on http://127.0.0.1:${served.port} (Ctrl-C stops)\n`,
  );
  const signal = await stopped;
  await served.stop();
  return signal === "SIGINT" ? ExitCode.Interrupted : ExitCode.Ok;
};

/** The variables that point a program's AWS SDK at the endpoint. */
function endpointVariables(served: ServedProfile): [string, string][] {
  const variables: [string, string][] = [
    ["AWS_CONTAINER_CREDENTIALS_FULL_URI", served.credentialsUrl],
    ["AWS_CONTAINER_AUTHORIZATION_TOKEN", served.token],
  ];
  if (served.imdsUrl !== undefined) {
    variables.push(["AWS_EC2_METADATA_SERVICE_ENDPOINT", served.imdsUrl]);
  }
  return variables;
}

/** Resolves with the first of SIGINT and SIGTERM, which then no longer end the process. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
