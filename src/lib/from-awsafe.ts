import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/** What {@link fromAwsafe} is given; every field is optional. */
export interface FromAwsafeInit {
  /**
   * The profile in the shared AWS config files. Default: the `profile` of the client the provider
   * is given to, then `AWS_PROFILE`, then `AWS_DEFAULT_PROFILE`, then `default`.
   */
  readonly profile?: string | undefined;
  /**
   * Gives a 6-digit code for the MFA device `mfaSerial` when a new session needs one (the option
   * of the same name in `fromIni`). Without it awsafe runs the profile's `mfa_process`, else asks
   * on the terminal, else fails with a hint. With the agent, one caller on the machine is asked
   * for all those waiting on the same session.
   */
  readonly mfaCodeProvider?: ((mfaSerial: string) => Promise<string>) | undefined;
  /** The lifetime of the credentials in seconds (as `awsafe --duration`); capped where AWS caps it. */
  readonly durationSeconds?: number | undefined;
  /**
   * The region to call STS in. Default: the region of the client the provider is given to (as
   * the SDK's own providers do), then `AWS_REGION`, then the profile's `region`.
   */
  readonly region?: string | undefined;
}

/**
 * A credential provider for the AWS SDK for JavaScript v3 that gets a profile's short-lived
 * credentials from awsafe: from the per-user agent (started on demand, its cache and its
 * one-MFA-prompt-at-a-time shared with every awsafe caller on the machine), or, when the agent is
 * off (`AWSAFE_AGENT=off`) or cannot serve, worked out in this process with sessions cached in
 * awsafe's secret store. The credentials carry their `expiration`, so a client refreshes them
 * (through this provider) before they expire.
 *
 * @example
 * ```ts
 * import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
 * import { fromAwsafe } from "awsafe";
 *
 * const sts = new STSClient({ credentials: fromAwsafe({ profile: "admin" }) });
 * console.log((await sts.send(new GetCallerIdentityCommand({}))).Arn);
 * ```
 *
 * @returns a provider that rejects with an {@link AwsafeCredentialsError} — the SDK's
 *   `CredentialsProviderError`, `tryNextLink: false`, with awsafe's message and hint — when the
 *   init is malformed or the credentials cannot be had.
 */
export function fromAwsafe(init: FromAwsafeInit = {}): AwsCredentialIdentityProvider {
  return async (identityProperties?: Record<string, unknown>): Promise<AwsCredentialIdentity> => {
    // Loaded at the first call, not at import: the SDK's error class, the agent's client, and
    // only when needed the in-process engine with the AWS SDK's STS client.
    const { credentialsForSdk } = await import("./credentials-for-sdk.js");
    const client = callerClientConfig(identityProperties);
    return credentialsForSdk(
      init,
      { profile: clientProfile(client), region: await clientRegion(client) },
      libraryCli,
    );
  };
}

/** Where this library's CLI is (beside this bundle, `dist/cli.cjs`): what starts the agent. */
const libraryCli = new URL("./cli.cjs", import.meta.url);

/** The config of the client that calls the provider, which the SDK passes (3.6xx and later). */
function callerClientConfig(
  identityProperties: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const config = identityProperties?.["callerClientConfig"];
  return typeof config === "object" && config !== null
    ? (config as Record<string, unknown>)
    : undefined;
}

/** The calling client's `profile`. */
function clientProfile(config: Record<string, unknown> | undefined): string | undefined {
  const profile = config?.["profile"];
  return typeof profile === "string" && profile !== "" ? profile : undefined;
}

/**
 * The calling client's region: a string, or (once the client has resolved its config) a function
 * that gives one. `undefined` when it has none, or finding it fails: the next default decides.
 */
async function clientRegion(
  config: Record<string, unknown> | undefined,
): Promise<string | undefined> {
  const region = config?.["region"];
  try {
    const value: unknown =
      typeof region === "function" ? await (region as () => unknown)() : region;
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}
