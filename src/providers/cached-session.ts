import type { AwsCredentials } from "../ports/aws/credentials.js";
import type { NamedLock } from "../ports/lock.js";
import { readCredentialsData, toCredentialsData } from "../ports/credentials-json.js";
import type { SecretStore, SessionItem } from "../ports/secret-store.js";
import type { CredentialProvider } from "./credential-provider.js";

/** A cached session is reused while more than this remains (botocore's 15-minute window). */
export const refreshWindowMs = 15 * 60 * 1000;

/**
 * Caches what `inner` returns in the store (kind `session`, encrypted like every item) under
 * `name`. A miss takes the cross-process lock `name` and looks again before calling `inner`, so
 * N processes started together make one MFA prompt and one STS call: the first refreshes, the
 * others wait and read its result.
 */
export function cachedSession(
  inner: CredentialProvider,
  name: string,
  deps: {
    readonly store: SecretStore;
    readonly lock: NamedLock;
    readonly now: () => Date;
    /** The session was made with an MFA code (shown by `awsafe list`). */
    readonly mfa: boolean;
  },
): CredentialProvider {
  const ref = { kind: "session", name } as const;
  const fresh = async (): Promise<AwsCredentials | undefined> => {
    const item = await deps.store.get(ref);
    if (item === undefined) return undefined;
    const expiration = new Date(item.expiration);
    if (!(expiration.getTime() - deps.now().getTime() > refreshWindowMs)) return undefined;
    return fromItem(item);
  };
  return async () =>
    (await fresh()) ??
    deps.lock.withLock(name, async () => {
      const cached = await fresh();
      if (cached !== undefined) return cached;
      const credentials = await inner();
      const item = toItem(credentials, deps.mfa);
      if (item !== undefined) await deps.store.put(ref, item);
      return credentials;
    });
}

function fromItem(item: SessionItem): AwsCredentials | undefined {
  const read = readCredentialsData(item);
  return "problem" in read ? undefined : read.credentials;
}

/** Only temporary credentials are cached; long-term keys never leave their own item. */
function toItem(credentials: AwsCredentials, mfa: boolean): SessionItem | undefined {
  const data = toCredentialsData(credentials);
  const { sessionToken, expiration } = data;
  if (sessionToken === undefined || expiration === undefined) return undefined;
  return { ...data, sessionToken, expiration, mfa };
}
