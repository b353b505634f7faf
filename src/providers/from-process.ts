import { AuthError } from "../errors.js";
import type { ProcessStep } from "../plan/credential-plan.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { readProcessDocument } from "../ports/credentials-json.js";
import type { CommandRunner } from "../ports/command-runner.js";
import type { CredentialProvider } from "./credential-provider.js";

/**
 * The most a credential process may print. A Version 1 document is under 2 KiB even with a long
 * session token; 64 KiB leaves room for pretty-printing and extra fields, and stops
 * `credential_process = /usr/bin/yes` long before it costs memory.
 */
const maxCredentialsOutputBytes = 64 * 1024;

/**
 * `credential_process`: runs the command without a shell (botocore's way; the JS SDK uses a
 * shell) and reads the Version 1 JSON it prints (SPECS §b.3). A failed command is reported with
 * the last line of its stderr; already-expired credentials are refused, as the JS SDK does.
 */
export function fromProcess(
  step: ProcessStep,
  runner: CommandRunner,
  now: () => Date,
): CredentialProvider {
  return async () => {
    const result = await runner.run(step.command, {
      stderr: "capture",
      subject: `credential_process of profile "${step.profile}"`,
      maxOutputBytes: maxCredentialsOutputBytes,
      pace: "program",
    });
    if (result.exitCode !== 0) {
      const how = result.signal === null ? `exit code ${result.exitCode ?? "?"}` : result.signal;
      const last = result.stderr.trim().split("\n").at(-1) ?? "";
      throw new AuthError(
        `credential_process of profile "${step.profile}" failed (${how})${last === "" ? "" : `: ${last}`}`,
        { hint: "Run the command by hand to see why, or fix credential_process in the profile" },
      );
    }
    return parseProcessOutput(result.stdout, step.profile, now());
  };
}

/**
 * Validates the JSON a credential process printed.
 *
 * @throws AuthError naming the field that is wrong (never echoing a value: they are secrets).
 */
export function parseProcessOutput(stdout: string, profile: string, now: Date): AwsCredentials {
  const fail = (problem: string) =>
    new AuthError(`credential_process of profile "${profile}" printed ${problem}`, {
      hint: 'It must print {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ..., "Expiration": ...}',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw fail("something that is not JSON");
  }
  const read = readProcessDocument(parsed);
  if ("problem" in read) throw fail(read.problem);
  const { expiration } = read.credentials;
  if (expiration !== undefined && expiration.getTime() <= now.getTime()) {
    throw fail("credentials that have already expired");
  }
  return read.credentials;
}
