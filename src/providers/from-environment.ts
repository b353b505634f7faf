import type { Environment } from "../ports/environment.js";
import { ConfigError } from "../errors.js";
import type { CredentialSourceStep } from "../plan/credential-plan.js";
import type { CredentialProvider } from "./credential-provider.js";

/**
 * `credential_source = Environment`: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (empty means
 * unset, a half pair is an error, as botocore's EnvProvider), with `AWS_SESSION_TOKEN` (or the
 * legacy `AWS_SECURITY_TOKEN`, which botocore reads first). Web identity variables do not count
 * (SPECS §b.1). EC2 and ECS sources are not supported by awsafe.
 */
export function fromEnvironment(step: CredentialSourceStep, env: Environment): CredentialProvider {
  return () => {
    if (step.source !== "Environment") return Promise.reject(unsupported(step));
    const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
    const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
    if (accessKeyId === undefined || secretAccessKey === undefined) {
      return Promise.reject(
        new ConfigError(
          `Profile "${step.profile}" takes its keys from the environment, but ${accessKeyId === undefined ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY"} is not set`,
          {
            hint: "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or change credential_source",
          },
        ),
      );
    }
    const sessionToken = nonEmpty(env.AWS_SECURITY_TOKEN) ?? nonEmpty(env.AWS_SESSION_TOKEN);
    return Promise.resolve({
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    });
  };
}

function unsupported(step: CredentialSourceStep): ConfigError {
  return new ConfigError(
    `Profile "${step.profile}" has credential_source = ${step.source}, which awsafe cannot use`,
    {
      hint: "awsafe runs on your machine, not on EC2 or ECS: use source_profile with keys in awsafe's store instead",
    },
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
