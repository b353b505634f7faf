import type { AwsCredentials } from "../ports/aws/credentials.js";
import type { DebugLog } from "../ports/debug-log.js";
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
    /** `--debug`: each hit and miss, and why. */
    readonly debug?: DebugLog | undefined;
  },
): CredentialProvider {
  const ref = { kind: "session", name } as const;
  /** The cached session while fresh; `waited`: looked at again after taking the lock. */
  const fresh = async (waited: boolean): Promise<AwsCredentials | undefined> => {
    const item = await deps.store.get(ref);
    const credentials = item === undefined ? undefined : usable(item, deps.now());
    if (item === undefined || credentials === undefined) {
      if (waited) deps.debug?.(`refreshing ${name}`);
      else deps.debug?.(`session cache miss: ${name} (${missReason(item)})`);
      return undefined;
    }
    const by = waited ? ", refreshed meanwhile by another caller" : "";
    deps.debug?.(`session cache hit: ${name} (valid until ${item.expiration}${by})`);
    return credentials;
  };
  return async () =>
    (await fresh(false)) ??
    deps.lock.withLock(name, async () => {
      const cached = await fresh(true);
      if (cached !== undefined) return cached;
      const credentials = await inner();
      const item = toItem(credentials, deps.mfa);
      if (item !== undefined) await deps.store.put(ref, item);
      return credentials;
    });
}

/** The item's credentials while more than the refresh window remains, else `undefined`. */
function usable(item: SessionItem, now: Date): AwsCredentials | undefined {
  const left = new Date(item.expiration).getTime() - now.getTime();
  return left > refreshWindowMs ? fromItem(item) : undefined;
}

function missReason(item: SessionItem | undefined): string {
  return item === undefined
    ? "none cached"
    : `it expires ${item.expiration}: within the 15-minute refresh window, or unreadable`;
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
