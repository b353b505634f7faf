import { ExitCode, UsageError } from "../../errors.js";
import type { ServedProfile } from "../../endpoint/serve-profile.js";
import type { CommandRun } from "../command-table.js";
import { flag, positional, stringOption } from "../command-input.js";
import { obtainCredentials } from "../../runtime/obtain-credentials.js";
import { serveResolved } from "../../runtime/serve-credentials.js";

/**
 * `awsafe serve <profile> [--port P] [--ec2]`: serves the profile's credentials on
 * `127.0.0.1` until SIGINT (exit 130) or SIGTERM (exit 0), refreshing them before they expire.
 * Prints the variables a program needs to use it, one `export` line each, on stdout.
 */
export const run: CommandRun = async (input, io) => {
  const profile = positional(input, 0);
  if (profile === undefined) throw new UsageError("serve needs a profile name");
  const port = portOption(stringOption(input, "port"));
  const first = await obtainCredentials(io, input, profile);
  const served = await serveResolved(io, input, first, {
    log: (line) => io.stderr.write(`awsafe serve: ${line}\n`),
    warn: (line) => io.stderr.write(`awsafe serve: ${line}\n`),
    port,
    ec2: flag(input, "ec2"),
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

function portOption(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535, found "${value}"`, {
      hint: "Leave --port out to take a free port",
    });
  }
  return port;
}

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
