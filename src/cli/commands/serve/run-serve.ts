import type { ServedProfile } from "../../../endpoint/serve-profile.js";
import { ExitCode } from "../../../errors.js";
import { serveCredentials } from "../../../runtime/serve-credentials.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import type { ServeInput } from "./serve-command.js";

/**
 * `awsafe serve <profile> [--port P] [--ec2]`: serves the profile's credentials on
 * `127.0.0.1` until SIGINT (exit 130) or SIGTERM (exit 0), refreshing them before they expire.
 * Prints the variables a program needs to use it, one `export` line each, on stdout.
 */
export const runServe: CommandRun<ServeInput> = async (input, io) => {
  const { profile } = input;
  const request = credentialRequest(profile, input);
  const { served, resolved: first } = await serveCredentials(io, request, {
    log: (line) => io.stderr.write(`awsafe serve: ${line}\n`),
    warn: (line) => io.stderr.write(`awsafe serve: ${line}\n`),
    port: input.port,
    ec2: input.ec2,
  });
  // Listening for the signals before printing: whoever reads the lines may stop us at once.
  const stopped = stopSignal();
  io.stdout.write(exportLines(served, first.region));
  io.stderr.write(
    `awsafe serve: serving profile "${profile}" on http://127.0.0.1:${served.port} (Ctrl-C stops)\n`,
  );
  const signal = await stopped;
  await served.stop();
  return signal === "SIGINT" ? ExitCode.Interrupted : ExitCode.Ok;
};

function exportLines(served: ServedProfile, region: string | undefined): string {
  const lines = [
    `export AWS_CONTAINER_CREDENTIALS_FULL_URI=${served.credentialsUrl}`,
    `export AWS_CONTAINER_AUTHORIZATION_TOKEN=${served.token}`,
  ];
  if (served.imdsUrl !== undefined) {
    lines.push(`export AWS_EC2_METADATA_SERVICE_ENDPOINT=${served.imdsUrl}`);
  }
  if (region !== undefined) {
    lines.push(
      `export AWS_REGION=${shellWord(region)}`,
      `export AWS_DEFAULT_REGION=${shellWord(region)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The region as one shell word (it comes from a config file; the URL and token need no quotes). */
function shellWord(value: string): string {
  return /^[\w.:/-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
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
