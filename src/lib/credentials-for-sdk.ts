import { fileURLToPath } from "node:url";
import type { AwsCredentialIdentity } from "@smithy/types";
import { selectedProfileName } from "../config/locate-shared-config.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { obtainCredentials } from "../runtime/obtain-credentials.js";
import { checkInit } from "./check-init.js";
import type { FromAwsafeInit } from "./from-awsafe.js";
import { libraryContext } from "./library-context.js";
import { libraryMfaSource } from "./library-mfa-source.js";

/**
 * One call of a {@link fromAwsafe} provider: the context of this process as it is now (its
 * environment read again, so a changed `AWS_PROFILE` counts), then the route every credential
 * command takes (runtime/obtain-credentials.ts): the agent, started with the awsafe beside this
 * library when none runs, else this process. The profile: the init's, the calling client's, then
 * `AWS_PROFILE` and the default; STS's region: the init's, the calling client's, then the
 * engine's (`AWS_REGION`, the profile's). Every failure is thrown as the SDK's error class (see
 * to-provider-error.ts).
 */
export async function credentialsForSdk(
  init: FromAwsafeInit,
  client: { readonly profile: string | undefined; readonly region: string | undefined },
  cli: URL,
): Promise<AwsCredentialIdentity> {
  try {
    checkInit(init);
    const context = libraryContext(fileURLToPath(cli));
    const resolved = await obtainCredentials(context, {
      profile: init.profile ?? client.profile ?? selectedProfileName(context.env),
      options: { durationSeconds: init.durationSeconds, region: init.region ?? client.region },
      agent: true,
      backend: undefined,
      mfaToken: undefined,
      mfaSource: libraryMfaSource(context, init.mfaCodeProvider),
    });
    return toIdentity(resolved.credentials);
  } catch (error) {
    // The SDK's error class (and what @smithy/core bundles with it) is loaded only to fail.
    const { toProviderError } = await import("./to-provider-error.js");
    throw toProviderError(error);
  }
}

/** awsafe's credentials as the SDK's identity; `expiration` is what makes a client refresh. */
function toIdentity(credentials: AwsCredentials): AwsCredentialIdentity {
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
    ...(credentials.expiration === undefined ? {} : { expiration: credentials.expiration }),
    ...(credentials.accountId === undefined ? {} : { accountId: credentials.accountId }),
  };
}
