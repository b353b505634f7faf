import { AuthError } from "../errors.js";
import type { CommandRunner } from "../ports/command-runner.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import { maxCodeOutputBytes } from "./max-code-output.js";

/**
 * The profile's `mfa_process` (e.g. `op item get AWS --otp`, `ykman oath accounts code -s ...`):
 * run without a shell, its stdout trimmed must be the 6-digit code. Its stderr reaches the user,
 * so a password manager can ask to be unlocked.
 */
export async function mfaProcessCode(
  runner: CommandRunner,
  request: MfaRequest & { readonly mfaProcess: string },
): Promise<string> {
  const result = await runner.run(request.mfaProcess, {
    stderr: "inherit",
    subject: `mfa_process of profile "${request.profile}"`,
    maxOutputBytes: maxCodeOutputBytes,
    pace: "program",
  });
  if (result.exitCode !== 0) {
    const how = result.signal ?? `exit code ${result.exitCode ?? "?"}`;
    throw new AuthError(`mfa_process of profile "${request.profile}" failed (${how})`, {
      hint: "Run the command by hand to see why, or give the code with --mfa-token",
    });
  }
  const code = result.stdout.trim();
  if (!/^\d{6}$/.test(code)) {
    throw new AuthError(
      `mfa_process of profile "${request.profile}" did not print a 6-digit code`,
      {
        hint: "mfa_process must print only the current code of the device (e.g. 123456)",
      },
    );
  }
  return code;
}
