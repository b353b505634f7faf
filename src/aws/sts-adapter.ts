import type * as StsSdk from "@aws-sdk/client-sts";
import type { Environment } from "../ports/environment.js";
import type { AssumeRoleInput, AssumeRoleWithWebIdentityInput, GetSessionTokenInput, StsCallContext, StsPort } from "../ports/aws/sts.js";
import type { AwsCredentials, TemporaryCredentials } from "../ports/aws/credentials.js";
import { AuthError } from "../errors.js";
import { mapStsError, type FailedStsCall } from "./map-sts-error.js";

/** How the adapter reaches STS. */
export interface StsAdapterOptions {
  /** Read for `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, `AWS_REGION`, `AWS_DEFAULT_REGION`. */
  readonly env: Environment;
  /**
   * Attempts per call, the first included. The SDK's standard retry strategy retries throttling,
   * 5xx and transient network errors with jittered exponential backoff, and corrects its clock
   * from the server's `Date` after a skew error.
   */
  readonly maxAttempts?: number;
}

/** STS's global endpoint region, used when neither the profile nor the environment names one. */
const fallbackRegion = "us-east-1";

/**
 * The {@link StsPort} over `@aws-sdk/client-sts`. The SDK is imported on the first call, so runs
 * that find a cached session never load it. Every failure leaves as an AppError (see
 * `mapStsError`).
 */
export function createStsAdapter(options: StsAdapterOptions): StsPort {
  const { env } = options;
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL_STS) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const maxAttempts = options.maxAttempts ?? 4;
  const region = (context: StsCallContext): string =>
    nonEmpty(context.region) ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION) ??
    fallbackRegion;

  async function withClient<T>(
    credentials: AwsCredentials | undefined,
    context: StsCallContext,
    call: FailedStsCall,
    send: (sdk: typeof StsSdk, client: StsSdk.STSClient) => Promise<T>,
  ): Promise<T> {
    const sdk = await loadSdk();
    const client = quietly(
      () =>
        new sdk.STSClient({
          region: region(context),
          maxAttempts,
          ...(endpoint === undefined ? {} : { endpoint }),
          ...(credentials === undefined ? {} : { credentials: sdkCredentials(credentials) }),
        }),
    );
    try {
      return await send(sdk, client);
    } catch (error) {
      throw mapStsError(error, call);
    } finally {
      // Close the keep-alive sockets so a short-lived CLI process can exit at once.
      client.destroy();
    }
  }

  return {
    getSessionToken: (credentials, input: GetSessionTokenInput, context) =>
      withClient(
        credentials,
        context,
        {
          operation: "GetSessionToken",
          profile: context.profile,
          temporaryCredentials: credentials.sessionToken !== undefined,
          ...(input.mfa === undefined ? {} : { mfaSerial: input.mfa.serialNumber }),
        },
        async (sdk, client) => {
          const out = await client.send(
            new sdk.GetSessionTokenCommand({
              DurationSeconds: input.durationSeconds,
              SerialNumber: input.mfa?.serialNumber,
              TokenCode: input.mfa?.tokenCode,
            }),
          );
          return temporaryCredentials(out.Credentials, undefined, context);
        },
      ),
    assumeRole: (credentials, input: AssumeRoleInput, context) =>
      withClient(
        credentials,
        context,
        {
          operation: "AssumeRole",
          profile: context.profile,
          temporaryCredentials: credentials.sessionToken !== undefined,
          roleArn: input.roleArn,
          ...(input.mfa === undefined ? {} : { mfaSerial: input.mfa.serialNumber }),
        },
        async (sdk, client) => {
          const out = await client.send(
            new sdk.AssumeRoleCommand({
              RoleArn: input.roleArn,
              RoleSessionName: input.roleSessionName,
              DurationSeconds: input.durationSeconds,
              ExternalId: input.externalId,
              SourceIdentity: input.sourceIdentity,
              Tags: input.tags?.map((tag) => ({ Key: tag.key, Value: tag.value })),
              TransitiveTagKeys: input.transitiveTagKeys?.slice(),
              SerialNumber: input.mfa?.serialNumber,
              TokenCode: input.mfa?.tokenCode,
            }),
          );
          return temporaryCredentials(out.Credentials, out.AssumedRoleUser?.Arn, context);
        },
      ),
    assumeRoleWithWebIdentity: (input: AssumeRoleWithWebIdentityInput, context) =>
      withClient(
        undefined,
        context,
        {
          operation: "AssumeRoleWithWebIdentity",
          profile: context.profile,
          temporaryCredentials: false,
          roleArn: input.roleArn,
        },
        async (sdk, client) => {
          const out = await client.send(
            new sdk.AssumeRoleWithWebIdentityCommand({
              RoleArn: input.roleArn,
              RoleSessionName: input.roleSessionName,
              WebIdentityToken: input.webIdentityToken,
              DurationSeconds: input.durationSeconds,
            }),
          );
          return temporaryCredentials(out.Credentials, out.AssumedRoleUser?.Arn, context);
        },
      ),
  };
}

/**
 * The SDK, imported on first use. It is CommonJS: Node gives its exports by name, the esbuild
 * bundle under `default` (as for proper-lockfile in the store).
 */
async function loadSdk(): Promise<typeof StsSdk> {
  const loaded = await import("@aws-sdk/client-sts");
  const inner: unknown = Reflect.get(loaded, "default");
  return isSdk(inner) ? inner : loaded;
}

function isSdk(value: unknown): value is typeof StsSdk {
  return typeof value === "object" && value !== null && "STSClient" in value;
}

const warningSwitch = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/**
 * Builds a client without the SDK's Node-version warning: it would land on the stderr of every
 * `credential_process` and `exec` run. The switch is read from `process.env` by the client's
 * constructor only, and put back at once so no child process inherits it.
 */
function quietly<T>(construct: () => T): T {
  const before = process.env[warningSwitch];
  process.env[warningSwitch] = "true";
  try {
    return construct();
  } finally {
    if (before === undefined) Reflect.deleteProperty(process.env, warningSwitch);
    else process.env[warningSwitch] = before;
  }
}

function sdkCredentials(credentials: AwsCredentials): {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
} {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  return sessionToken === undefined
    ? { accessKeyId, secretAccessKey }
    : { accessKeyId, secretAccessKey, sessionToken };
}

interface StsCredentialsShape {
  readonly AccessKeyId?: string | undefined;
  readonly SecretAccessKey?: string | undefined;
  readonly SessionToken?: string | undefined;
  readonly Expiration?: Date | undefined;
}

function temporaryCredentials(
  c: StsCredentialsShape | undefined,
  assumedRoleArn: string | undefined,
  context: StsCallContext,
): TemporaryCredentials {
  if (
    c?.AccessKeyId === undefined ||
    c.SecretAccessKey === undefined ||
    c.SessionToken === undefined ||
    c.Expiration === undefined
  ) {
    throw new AuthError(`STS answered without credentials for profile "${context.profile}"`, {
      hint: "This is unexpected from STS; try again, and run with --debug if it persists",
    });
  }
  // The account is the fifth field of `arn:aws:sts::123456789012:assumed-role/...`.
  const accountId = assumedRoleArn?.split(":")[4];
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
    ...(accountId === undefined || accountId === "" ? {} : { accountId }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
