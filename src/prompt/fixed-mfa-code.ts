import { AuthError } from "../errors.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";

/**
 * `--mfa-token`: the code given on the command line. It can be used once; when AWS refuses it
 * there is no one to ask again.
 */
export function fixedMfaCode(code: string): MfaCodeSource {
  return (request) =>
    request.attempt === 1
      ? Promise.resolve(code)
      : Promise.reject(
          new AuthError(`AWS refused the --mfa-token code for ${request.serialNumber}`, {
            hint: "Run the command again with the code the device shows now (each code works once)",
          }),
        );
}
