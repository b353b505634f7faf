import type { DebugLog } from "../ports/debug-log.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { createCredentialCache, servingFrom } from "./credential-cache.js";
import type { EndpointLimits } from "./endpoint-limits.js";
import { bindEndpoint, type BoundEndpoint, type RunningEndpoint } from "./endpoint-server.js";
import { newEndpointToken } from "./endpoint-token.js";

/** A profile to serve, and the engine to get its credentials from. */
export interface ServeProfileOptions {
  readonly profile: string;
  readonly region: string | undefined;
  /** The credentials served first, fetched once the port is taken and before serving. */
  readonly initial: AwsCredentials;
  /** Called for every refresh. */
  readonly fetch: () => Promise<AwsCredentials>;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Refreshes and refused requests (method, path, status; never a secret). */
  readonly log: (line: string) => void;
  /** Failed refreshes. */
  readonly warn: (line: string) => void;
  /** `--debug`: when and why each refresh starts, and how long it took. */
  readonly debug?: DebugLog | undefined;
  readonly port?: number | undefined;
  readonly ec2?: boolean | undefined;
  readonly limits?: Partial<EndpointLimits> | undefined;
}

/** A running endpoint and the token its clients must send. */
export interface ServedProfile extends RunningEndpoint {
  readonly token: string;
}

/** What {@link bindProfileEndpoint} takes: where to listen. */
export type BindOptions = Pick<ServeProfileOptions, "port" | "limits">;

/** A port taken for a profile's endpoint, serving nothing yet. */
export interface BoundProfileEndpoint {
  readonly port: number;
  /**
   * Serves the profile's credentials on the port taken.
   *
   * @throws ConfigError when `initial` are long-term keys (the port is then let go).
   */
  serve(options: Omit<ServeProfileOptions, keyof BindOptions>): Promise<ServedProfile>;
  /** Lets go of the port without serving. */
  stop(): Promise<void>;
}

/**
 * Serves `profile`'s credentials on a new loopback endpoint: {@link bindProfileEndpoint}, then
 * serve.
 *
 * @throws ConfigError when `initial` are long-term keys; StoreError when the port is taken.
 */
export async function serveProfile(options: ServeProfileOptions): Promise<ServedProfile> {
  return (await bindProfileEndpoint(options)).serve(options);
}

/**
 * Takes the port first. The caller then fetches the first credentials and serves them: a port
 * in use fails the command before any credentials (or an MFA code) are asked for, and a wrong
 * profile or a refused MFA code fails it before anything is served, so the first request never
 * waits.
 *
 * @throws StoreError when the port is taken.
 */
export async function bindProfileEndpoint(options: BindOptions): Promise<BoundProfileEndpoint> {
  const bound = await bindEndpoint(options);
  return {
    port: bound.port,
    stop: () => bound.stop(),
    serve: async (served) => {
      try {
        return serveOn(bound, served);
      } catch (error) {
        await bound.stop();
        throw error;
      }
    },
  };
}

function serveOn(
  bound: BoundEndpoint,
  options: Omit<ServeProfileOptions, keyof BindOptions>,
): ServedProfile {
  const cacheOptions = {
    profile: options.profile,
    fetch: options.fetch,
    now: options.now,
    log: options.log,
    warn: options.warn,
    debug: options.debug,
  };
  const cache = createCredentialCache(cacheOptions, servingFrom(cacheOptions, options.initial));
  const token = newEndpointToken();
  const endpoint = bound.serve({
    cache,
    token,
    ec2: options.ec2,
    roleName: roleName(options.profile),
    region: options.region,
    now: options.now,
    log: options.log,
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
