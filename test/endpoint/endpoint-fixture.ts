import { randomBytes } from "node:crypto";
import type { EndpointLimits } from "../../src/endpoint/endpoint-limits.js";
import { serveProfile, type ServedProfile } from "../../src/endpoint/serve-profile.js";
import type { AwsCredentials } from "../../src/ports/aws/credentials.js";

/** Made-up temporary credentials; the secret parts are random, so a scan can look for them. */
export function fakeCredentials(expiration: Date): AwsCredentials {
  return {
    accessKeyId: `ASIATESTFAKE${randomBytes(4).toString("hex").toUpperCase()}`,
    secretAccessKey: `secret-FAKE-${randomBytes(16).toString("hex")}`,
    sessionToken: `token-FAKE-${randomBytes(24).toString("hex")}`,
    expiration,
  };
}

/** An in-process endpoint over fake credentials, with a clock the test moves. */
export interface TestEndpoint {
  readonly served: ServedProfile;
  /** Every log and warn line. */
  readonly logs: string[];
  /** Every credential set fetched, first one included. */
  readonly issued: AwsCredentials[];
  /** Moves the endpoint's clock. */
  advance(ms: number): void;
  now(): number;
}

/** Starts an endpoint for profile `dev` (region `eu-west-1`); stop it with `served.stop()`. */
export async function startTestEndpoint(
  options: {
    readonly ec2?: boolean;
    readonly limits?: Partial<EndpointLimits>;
    /** Default: new fake credentials valid for an hour from the endpoint's now. */
    readonly fetch?: (nowMs: number) => Promise<AwsCredentials>;
  } = {},
): Promise<TestEndpoint> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const logs: string[] = [];
  const issued: AwsCredentials[] = [];
  const fetch =
    options.fetch ??
    ((nowMs: number) => Promise.resolve(fakeCredentials(new Date(nowMs + 3600_000))));
  const fetchAndRecord = async () => {
    const credentials = await fetch(now());
    issued.push(credentials);
    return credentials;
  };
  const served = await serveProfile({
    profile: "dev",
    region: "eu-west-1",
    initial: await fetchAndRecord(),
    fetch: fetchAndRecord,
    now,
    log: (line) => logs.push(line),
    warn: (line) => logs.push(line),
    ec2: options.ec2,
    limits: options.limits,
  });
  return {
    served,
    logs,
    issued,
    advance: (ms) => {
      offset += ms;
    },
    now,
  };
}
