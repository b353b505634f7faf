import type { AssumeRoleStep } from "../plan/credential-plan.js";
import type { AssumeRoleInput, StsPort } from "../ports/aws/sts.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import type { CredentialProvider } from "./credential-provider.js";
import { defaultRoleSessionName } from "./role-session-name.js";
import { withMfaCode } from "./with-mfa-code.js";

/**
 * `sts:AssumeRole` signed with the credentials `source` gives. A chained role asks for at most
 * the step's `maxDurationSeconds` (AWS's one-hour cap): a longer setting is capped, not an error.
 */
export function fromAssumeRole(
  step: AssumeRoleStep,
  source: CredentialProvider,
  deps: {
    readonly sts: StsPort;
    readonly mfa: MfaCodeSource;
    readonly now: () => Date;
    readonly region?: string | undefined;
  },
): CredentialProvider {
  return async () => {
    const credentials = await source();
    const input: AssumeRoleInput = {
      roleArn: step.roleArn,
      roleSessionName: step.roleSessionName ?? defaultRoleSessionName(deps.now()),
      ...durationField(step),
      ...(step.externalId === undefined ? {} : { externalId: step.externalId }),
      ...(step.tags === undefined ? {} : { tags: step.tags }),
      ...(step.transitiveTagKeys === undefined
        ? {}
        : { transitiveTagKeys: step.transitiveTagKeys }),
      ...(step.sourceIdentity === undefined ? {} : { sourceIdentity: step.sourceIdentity }),
    };
    const context = { profile: step.profile, region: deps.region };
    const serialNumber = step.mfaSerial;
    if (serialNumber === undefined) return deps.sts.assumeRole(credentials, input, context);
    // STS's client loads while the code is found.
    deps.sts.prepare?.();
    return withMfaCode(
      deps.mfa,
      { serialNumber, profile: step.mfaProfile ?? step.profile, mfaProcess: step.mfaProcess },
      (mfa) => deps.sts.assumeRole(credentials, { ...input, mfa }, context),
    );
  };
}

function durationField(step: AssumeRoleStep): { durationSeconds?: number } {
  const { durationSeconds, maxDurationSeconds } = step;
  if (durationSeconds === undefined) return {};
  return {
    durationSeconds:
      maxDurationSeconds === undefined
        ? durationSeconds
        : Math.min(durationSeconds, maxDurationSeconds),
  };
}
