import { AuthError } from "../errors.js";
import type { CommandRunner } from "../ports/command-runner.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import { maxCodeOutputBytes } from "./max-code-output.js";

/**
 * A YubiKey's OATH code (`AWSAFE_PROMPT=ykman`): `ykman oath accounts code --single <name>`, the
 * account named after the MFA serial as aws-vault's ykman prompt does. ykman tells the user on
 * stderr when to touch the key.
 */
export async function ykmanMfaCode(runner: CommandRunner, request: MfaRequest): Promise<string> {
  const result = await runner.run(
    ["ykman", "oath", "accounts", "code", "--single", request.serialNumber],
    {
      stderr: "inherit",
      subject: `ykman (the MFA code of profile "${request.profile}")`,
      maxOutputBytes: maxCodeOutputBytes,
      // A touch of the key is quick; a key that is not there should not hold awsafe for minutes.
      pace: "program",
    },
  );
  const code = result.stdout.trim().split(/\s+/).at(-1) ?? "";
  if (result.exitCode !== 0 || !/^\d{6}$/.test(code)) {
    throw new AuthError(`ykman gave no code for ${request.serialNumber}`, {
      hint: `Add the OATH account to the YubiKey under that name (\`ykman oath accounts add ${request.serialNumber} <secret>\`), or choose another AWSAFE_PROMPT`,
    });
  }
  return code;
}
