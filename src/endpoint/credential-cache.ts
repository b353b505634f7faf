import type { DebugLog } from "../ports/debug-log.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { toServingCredentials, type ServingCredentials } from "./serving-credentials.js";

/** What the cache needs: where credentials come from, the clock, where to say what happened. */
export interface CredentialCacheOptions {
  readonly profile: string;
  /** The engine (`obtainCredentials`): the agent's cache, STS, MFA prompts to the user. */
  readonly fetch: () => Promise<AwsCredentials>;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** One line per refresh (the key id redacted). */
  readonly log: (line: string) => void;
  /** One line per failed refresh. */
  readonly warn: (line: string) => void;
  /** `--debug`: when and why each refresh starts, and how long it took. */
  readonly debug?: DebugLog | undefined;
}

/** The credentials an endpoint serves, refreshed ahead of their expiry. */
export interface CredentialCache {
  /**
   * The credentials to serve now, without waiting, or `undefined` when there are none that will
   * still be valid a minute from now. Starts a refresh in the background when one is due.
   */
  ready(): ServingCredentials | undefined;
  /** Refreshes (joining a refresh in flight) and resolves to the new credentials. */
  refresh(): Promise<ServingCredentials>;
}

/**
 * SDKs refresh credentials from a container endpoint when about 5 (JS) to 15 (botocore) minutes
 * remain; what is served with less than this left is refused instead of handed out to fail.
 */
const unusableWithinMs = 60_000;
/** The agent reuses a session while more than 15 minutes remain; refresh when it would not. */
const refreshWithinMs = 15 * 60_000;
/** Never refresh more often than this while valid credentials are at hand. */
const minimumHoldMs = 5_000;
/** After a failed refresh, wait this long before the next background attempt. */
const retryAfterFailureMs = 30_000;
/**
 * After a failed refresh, requests that need one fail at once for this long: SDKs retry two or
 * three times a second, and each attempt must not become another MFA prompt.
 */
const holdAfterFailureMs = 5_000;

/**
 * A cache of one profile's credentials, starting from `initial`. At most one refresh runs at a
 * time; every request that needs one waits for the same promise. A refresh is due at the later
 * of "15 minutes before expiry" and "half the remaining lifetime", so a 1-hour session is renewed
 * after 45 minutes and a 15-minute one after 7.5.
 */
export function createCredentialCache(
  options: CredentialCacheOptions,
  initial: ServingCredentials,
): CredentialCache {
  let current = initial;
  let refreshAtMs = refreshTime(initial, options.now());
  let inFlight: Promise<ServingCredentials> | undefined;
  let failure: { readonly error: unknown; readonly untilMs: number } | undefined;

  const refresh = (why = "a request found no usable credentials"): Promise<ServingCredentials> => {
    if (inFlight === undefined && failure !== undefined && options.now() < failure.untilMs) {
      options.debug?.(`endpoint: not refreshing yet, the last refresh failed moments ago`);
      return Promise.reject(failure.error instanceof Error ? failure.error : new Error("failed"));
    }
    if (inFlight !== undefined) options.debug?.("endpoint: joining the refresh under way");
    const started = options.now();
    if (inFlight === undefined) options.debug?.(`endpoint: refreshing (${why})`);
    inFlight ??= fetchServing(options).then(
      (fresh) => {
        options.debug?.(`endpoint: refreshed in ${String(options.now() - started)} ms`);
        inFlight = undefined;
        failure = undefined;
        current = fresh;
        refreshAtMs = refreshTime(fresh, options.now());
        return fresh;
      },
      (error: unknown) => {
        inFlight = undefined;
        failure = { error, untilMs: options.now() + holdAfterFailureMs };
        refreshAtMs = options.now() + retryAfterFailureMs;
        options.warn(`refreshing credentials failed: ${describe(error)}`);
        throw error;
      },
    );
    return inFlight;
  };

  return {
    ready() {
      const now = options.now();
      if (current.expiresAtMs - now <= unusableWithinMs) return undefined;
      if (now >= refreshAtMs && inFlight === undefined) {
        // Served from `current` meanwhile; a failure is logged by refresh() and retried later.
        const due = new Date(refreshAtMs).toISOString();
        refresh(`due at ${due}, ahead of expiry`).catch(() => undefined);
      }
      return current;
    },
    refresh: () => refresh(),
  };
}

/** Fetches credentials and builds what is served. */
async function fetchServing(options: CredentialCacheOptions): Promise<ServingCredentials> {
  return servingFrom(options, await options.fetch());
}

/**
 * Builds what is served from `credentials` and logs their (redacted) key id and expiry.
 *
 * @throws ConfigError for long-term keys (see `toServingCredentials`).
 */
export function servingFrom(
  options: CredentialCacheOptions,
  credentials: AwsCredentials,
): ServingCredentials {
  const serving = toServingCredentials(options.profile, credentials, options.now());
  const expires = new Date(serving.expiresAtMs).toISOString();
  options.log(
    `credentials ${serving.redactedKeyId} for profile "${options.profile}", expire ${expires}`,
  );
  return serving;
}

function refreshTime(serving: ServingCredentials, nowMs: number): number {
  const remaining = serving.expiresAtMs - nowMs;
  return nowMs + Math.max(remaining - refreshWithinMs, remaining / 2, minimumHoldMs);
}

function describe(error: unknown): string {
  // The engine's errors say what failed and never carry a secret (its messages are redacted).
  return error instanceof Error ? error.message : "unknown error";
}
