import type { SessionTokenStep } from "../plan/credential-plan.js";
import type { StsPort } from "../ports/aws/sts.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import type { CredentialProvider } from "./credential-provider.js";
import { withMfaCode } from "./with-mfa-code.js";

/** GetSessionToken's default and awsafe's: 12 hours, so one MFA prompt lasts a working day. */
export const defaultSessionSeconds = 43_200;

/**
 * `sts:GetSessionToken` signed with the long-term keys `source` gives, with an MFA code when the
 * step names a device. Roles assumed from the result need no second code.
 */
export function fromSessionToken(
  step: SessionTokenStep,
  source: CredentialProvider,
  deps: {
    readonly sts: StsPort;
    readonly mfa: MfaCodeSource;
    readonly region?: string | undefined;
  },
): CredentialProvider {
  return async () => {
    const keys = await source();
    const durationSeconds = step.durationSeconds ?? defaultSessionSeconds;
    const context = { profile: step.profile, region: deps.region };
    const serialNumber = step.mfaSerial;
    if (serialNumber === undefined) {
      return deps.sts.getSessionToken(keys, { durationSeconds }, context);
    }
    // STS's client loads while the code is found.
    deps.sts.prepare?.();
    return withMfaCode(
      deps.mfa,
      { serialNumber, profile: step.mfaProfile ?? step.profile, mfaProcess: step.mfaProcess },
      (mfa) => deps.sts.getSessionToken(keys, { durationSeconds, mfa }, context),
    );
  };
}
