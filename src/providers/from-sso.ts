import { ConfigError } from "../errors.js";
import type { SsoStep, SsoTokenStep } from "../plan/credential-plan.js";
import type { CredentialProvider } from "./credential-provider.js";

/**
 * The slot for IAM Identity Center role credentials. They arrive with the SSO issue (`awsafe sso
 * login`, the token cache, GetRoleCredentials); until then an SSO profile says so plainly.
 */
export function fromSso(step: SsoStep | SsoTokenStep): CredentialProvider {
  return () =>
    Promise.reject(
      new ConfigError(
        `Profile "${step.profile}" uses IAM Identity Center (SSO), which this version of awsafe cannot sign in to yet`,
        {
          hint: `Use \`aws sso login --profile ${step.profile}\` and the AWS CLI for this profile for now`,
        },
      ),
    );
}
