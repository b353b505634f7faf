import { ConfigError } from "../errors.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import { redact } from "../redact.js";

/**
 * Credentials as the endpoint serves them: both response bodies built once per refresh, so a
 * request costs no JSON encoding.
 */
export interface ServingCredentials {
  /** The container-provider body (`AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`). */
  readonly ecsBody: Buffer;
  /** The IMDS body: the same plus `Code`, `LastUpdated` and `Type`. */
  readonly imdsBody: Buffer;
  readonly expiresAtMs: number;
  /** The key id as logs may show it (`****ABCD`). */
  readonly redactedKeyId: string;
}

/**
 * Builds what the endpoint serves from temporary credentials fetched at `nowMs`.
 *
 * @throws ConfigError for credentials without a session token or an expiry: the container and
 *   IMDS protocols carry only temporary credentials (every SDK requires `Token` and
 *   `Expiration`), and long-term keys must not leave the store through a socket anyway.
 */
export function toServingCredentials(
  profile: string,
  credentials: AwsCredentials,
  nowMs: number,
): ServingCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId } = credentials;
  if (sessionToken === undefined || expiration === undefined) {
    throw new ConfigError(
      `Profile "${profile}" gives long-term keys (no session token), which the endpoint does not serve`,
      {
        hint: "Serve temporary credentials: drop --no-session, or give the profile an mfa_serial or a role_arn",
      },
    );
  }
  const common = {
    AccessKeyId: accessKeyId,
    SecretAccessKey: secretAccessKey,
    Token: sessionToken,
    Expiration: awsTime(expiration.getTime()),
  };
  const ecs = accountId === undefined ? common : { ...common, AccountId: accountId };
  const imds = { Code: "Success", LastUpdated: awsTime(nowMs), Type: "AWS-HMAC", ...common };
  return {
    ecsBody: Buffer.from(JSON.stringify(ecs)),
    imdsBody: Buffer.from(JSON.stringify(imds)),
    expiresAtMs: expiration.getTime(),
    redactedKeyId: redact(accessKeyId),
  };
}

/** RFC 3339 in UTC without fractions, as ECS and IMDS write times (`2026-01-02T03:04:05Z`). */
export function awsTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
