import { ConfigError } from "../errors.js";
import type { StoredKeysStep } from "../plan/credential-plan.js";
import type { SecretStore } from "../ports/secret-store.js";
import type { CredentialProvider } from "./credential-provider.js";

/** The long-term keys awsafe's store holds for the step's profile. */
export function fromStoredKeys(step: StoredKeysStep, store: SecretStore): CredentialProvider {
  return async () => {
    const item = await store.get({ kind: "long-term", name: step.profile });
    if (item === undefined) {
      throw new ConfigError(
        `No access key is stored for profile "${step.profile}" in ${store.location}`,
        {
          hint: `Store one with \`awsafe add ${step.profile}\``,
        },
      );
    }
    return {
      accessKeyId: item.accessKeyId,
      secretAccessKey: item.secretAccessKey,
      ...(item.accountId === undefined ? {} : { accountId: item.accountId }),
    };
  };
}
