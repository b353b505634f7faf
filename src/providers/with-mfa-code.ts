import { MfaCodeRejectedError } from "../ports/aws/aws-errors.js";
import type { MfaCode } from "../ports/aws/credentials.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";

/** How many codes the user may try before the command fails. */
export const mfaAttempts = 3;

/** The MFA device of a step. */
export interface MfaDeviceRef {
  readonly serialNumber: string;
  readonly profile: string;
  readonly mfaProcess?: string | undefined;
}

/**
 * Asks `source` for a code and runs `call` with it; when AWS refuses the code (wrong, mistyped,
 * or already used) asks again, up to {@link mfaAttempts} codes. A code that is not 6 digits is
 * refused before it reaches AWS and counts as an attempt.
 */
export async function withMfaCode<T>(
  source: MfaCodeSource,
  device: MfaDeviceRef,
  call: (mfa: MfaCode) => Promise<T>,
): Promise<T> {
  let lastFailure: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const tokenCode = (
      await source({
        serialNumber: device.serialNumber,
        profile: device.profile,
        mfaProcess: device.mfaProcess,
        attempt,
        attempts: mfaAttempts,
        lastFailure,
      })
    ).trim();
    if (!/^\d{6}$/.test(tokenCode)) {
      if (attempt >= mfaAttempts) throw notSixDigits(device);
      lastFailure = "the last code was not 6 digits";
      continue;
    }
    try {
      return await call({ serialNumber: device.serialNumber, tokenCode });
    } catch (error) {
      if (!(error instanceof MfaCodeRejectedError) || attempt >= mfaAttempts) throw error;
      lastFailure = "AWS refused the last code";
    }
  }
}

function notSixDigits(device: MfaDeviceRef): MfaCodeRejectedError {
  return new MfaCodeRejectedError(
    `The MFA code for ${device.serialNumber} is not 6 digits`,
    device.serialNumber,
    { hint: "Enter the 6-digit code the device shows" },
  );
}
