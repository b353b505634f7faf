import type { AwsCredentials } from "../ports/aws/credentials.js";
import { createCredentialCache, servingFrom } from "./credential-cache.js";
import type { EndpointLimits } from "./endpoint-limits.js";
import { startEndpoint, type RunningEndpoint } from "./endpoint-server.js";
import { newEndpointToken } from "./endpoint-token.js";

/** A profile to serve, and the engine to get its credentials from. */
export interface ServeProfileOptions {
  readonly profile: string;
  readonly region: string | undefined;
  /** The credentials served first, fetched before (so their MFA prompt is behind us). */
  readonly initial: AwsCredentials;
  /** Called for every refresh. */
  readonly fetch: () => Promise<AwsCredentials>;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Refreshes and refused requests (method, path, status; never a secret). */
  readonly log: (line: string) => void;
  /** Failed refreshes. */
  readonly warn: (line: string) => void;
  readonly port?: number | undefined;
  readonly ec2?: boolean | undefined;
  readonly limits?: Partial<EndpointLimits> | undefined;
}

/** A running endpoint and the token its clients must send. */
export interface ServedProfile extends RunningEndpoint {
  readonly token: string;
}

/**
 * Serves `profile`'s credentials on a new loopback endpoint. The caller fetches the first ones
 * before anything listens, so a wrong profile or a refused MFA code fails the command at once
 * and the first request never waits.
 *
 * @throws ConfigError when `initial` are long-term keys; StoreError when the port is taken.
 */
export async function serveProfile(options: ServeProfileOptions): Promise<ServedProfile> {
  const cacheOptions = {
    profile: options.profile,
    fetch: options.fetch,
    now: options.now,
    log: options.log,
    warn: options.warn,
  };
  const cache = createCredentialCache(cacheOptions, servingFrom(cacheOptions, options.initial));
  const token = newEndpointToken();
  const endpoint = await startEndpoint({
    cache,
    token,
    port: options.port,
    ec2: options.ec2,
    roleName: roleName(options.profile),
    region: options.region,
    now: options.now,
    log: options.log,
    limits: options.limits,
  });
  return { ...endpoint, token };
}

/**
 * The name IMDS lists as the instance's role: the profile's, when it is one IAM would accept
 * (it becomes a URL path segment), else `awsafe`.
 */
export function roleName(profile: string): string {
  return /^[\w+=,.@-]{1,64}$/.test(profile) ? profile : "awsafe";
}
