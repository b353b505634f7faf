import { ConfigError } from "../errors.js";
import type { WebIdentityStep } from "../plan/credential-plan.js";
import type { StsPort } from "../ports/aws/sts.js";
import type { CredentialProvider } from "./credential-provider.js";
import { defaultRoleSessionName } from "./role-session-name.js";

/** `sts:AssumeRoleWithWebIdentity` with the token in the step's file (read raw, as botocore). */
export function fromWebIdentity(
  step: WebIdentityStep,
  deps: {
    readonly sts: StsPort;
    readonly readTextFile: (path: string) => Promise<string>;
    readonly now: () => Date;
    readonly region?: string | undefined;
  },
): CredentialProvider {
  return async () => {
    let token: string;
    try {
      token = (await deps.readTextFile(step.tokenFile)).trim();
    } catch (error) {
      throw new ConfigError(
        `Cannot read web_identity_token_file of profile "${step.profile}": ${step.tokenFile}`,
        { hint: "Check the path and that the token has been written there", cause: error },
      );
    }
    return deps.sts.assumeRoleWithWebIdentity(
      {
        roleArn: step.roleArn,
        roleSessionName: step.roleSessionName ?? defaultRoleSessionName(deps.now()),
        webIdentityToken: token,
        ...(step.durationSeconds === undefined ? {} : { durationSeconds: step.durationSeconds }),
      },
      { profile: step.profile, region: deps.region },
    );
  };
}
