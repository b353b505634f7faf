import { stringProperty, type ConfigData } from "../config/config-data.js";
import { ConfigError } from "../errors.js";
import type { StaticKeysStep } from "../plan/credential-plan.js";
import type { CredentialProvider } from "./credential-provider.js";

/**
 * The plain-text keys of the step's profile in the shared files (what `awsafe import` moves into
 * the store). `aws_security_token` is read before `aws_session_token`, as botocore does.
 */
export function fromStaticKeys(step: StaticKeysStep, config: ConfigData): CredentialProvider {
  return () => {
    const properties = config.profiles.get(step.profile) ?? {};
    const secretAccessKey = stringProperty(properties, "aws_secret_access_key");
    if (secretAccessKey === undefined) {
      return Promise.reject(
        new ConfigError(`Profile "${step.profile}" has no aws_secret_access_key any more`, {
          hint: "The shared files changed while awsafe read them; run the command again",
        }),
      );
    }
    const sessionToken =
      stringProperty(properties, "aws_security_token") ??
      stringProperty(properties, "aws_session_token");
    return Promise.resolve({
      accessKeyId: step.accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    });
  };
}
