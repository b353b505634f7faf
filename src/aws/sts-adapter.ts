import type * as StsSdk from "@aws-sdk/client-sts";
import { AuthError } from "../errors.js";
import type { AwsCredentials, TemporaryCredentials } from "../ports/aws/credentials.js";
import type { StsCallContext, StsPort } from "../ports/aws/sts.js";
import {
  type ClientFactoryOptions,
  sdkClientConfig,
  sdkModule,
  withSdkClient,
} from "./client-factory.js";
import { traceSdkCalls } from "./trace-sdk-calls.js";
import { mapStsError, type FailedStsCall } from "./map-sts-error.js";

/**
 * The {@link StsPort} over `@aws-sdk/client-sts`. The SDK is imported on the first call, so runs
 * that find a cached session never load it. Every failure leaves as an AppError (see
 * `mapStsError`).
 */
export function createStsAdapter(options: ClientFactoryOptions): StsPort {
  let loading: Promise<typeof StsSdk> | undefined;
  const loadSdk = (): Promise<typeof StsSdk> => {
    loading ??= import("@aws-sdk/client-sts").catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const call = async <T>(
    credentials: AwsCredentials | undefined,
    context: StsCallContext,
    failed: FailedStsCall,
    send: (sdk: typeof StsSdk, client: StsSdk.STSClient) => Promise<T>,
  ): Promise<T> => {
    const sdk = sdkModule(await loadSdk(), "STSClient");
    return withSdkClient(
      () => {
        const client = new sdk.STSClient(sdkClientConfig(options, "sts", context, credentials));
        traceSdkCalls(client.middlewareStack, options.debug);
        return client;
      },
      (client) => send(sdk, client),
      (error) => mapStsError(error, failed),
    );
  };
  const failed = (
    operation: FailedStsCall["operation"],
    context: StsCallContext,
    credentials: AwsCredentials | undefined,
    more: Partial<FailedStsCall> = {},
  ): FailedStsCall => ({
    operation,
    profile: context.profile,
    temporaryCredentials: credentials?.sessionToken !== undefined,
    ...more,
  });

  return {
    // The SDK takes a cold agent ~0.1 s to load: the time a person, or an mfa_process, takes to
    // give the code it was asked for. A failed load is reported by the call that needs it.
    prepare: () => {
      loadSdk().catch(() => undefined);
    },
    getSessionToken: (credentials, input, context) =>
      call(
        credentials,
        context,
        failed("GetSessionToken", context, credentials, mfaSerial(input.mfa)),
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
    assumeRole: (credentials, input, context) =>
      call(
        credentials,
        context,
        failed("AssumeRole", context, credentials, {
          roleArn: input.roleArn,
          ...mfaSerial(input.mfa),
        }),
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
    assumeRoleWithWebIdentity: (input, context) =>
      call(
        undefined,
        context,
        failed("AssumeRoleWithWebIdentity", context, undefined, { roleArn: input.roleArn }),
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
    getCallerIdentity: (credentials, context) =>
      call(
        credentials,
        context,
        failed("GetCallerIdentity", context, credentials),
        async (sdk, client) => {
          const out = await client.send(new sdk.GetCallerIdentityCommand({}));
          if (out.Account === undefined || out.Arn === undefined || out.UserId === undefined) {
            throw unexpectedAnswer("GetCallerIdentity answered without an identity", context);
          }
          return { account: out.Account, arn: out.Arn, userId: out.UserId };
        },
      ),
    getFederationToken: (credentials, input, context) =>
      call(
        credentials,
        context,
        failed("GetFederationToken", context, credentials),
        async (sdk, client) => {
          const out = await client.send(
            new sdk.GetFederationTokenCommand({
              Name: input.name,
              DurationSeconds: input.durationSeconds,
              Policy: input.policy,
            }),
          );
          return temporaryCredentials(out.Credentials, out.FederatedUser?.Arn, context);
        },
      ),
  };
}

function mfaSerial(mfa: { readonly serialNumber: string } | undefined): Partial<FailedStsCall> {
  return mfa === undefined ? {} : { mfaSerial: mfa.serialNumber };
}

interface StsCredentialsShape {
  readonly AccessKeyId?: string | undefined;
  readonly SecretAccessKey?: string | undefined;
  readonly SessionToken?: string | undefined;
  readonly Expiration?: Date | undefined;
}

function temporaryCredentials(
  c: StsCredentialsShape | undefined,
  principalArn: string | undefined,
  context: StsCallContext,
): TemporaryCredentials {
  if (
    c?.AccessKeyId === undefined ||
    c.SecretAccessKey === undefined ||
    c.SessionToken === undefined ||
    c.Expiration === undefined
  ) {
    throw unexpectedAnswer("STS answered without credentials", context);
  }
  // The account is the fifth field of `arn:aws:sts::123456789012:assumed-role/...`.
  const accountId = principalArn?.split(":")[4];
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
    ...(accountId === undefined || accountId === "" ? {} : { accountId }),
  };
}

function unexpectedAnswer(what: string, context: StsCallContext): AuthError {
  return new AuthError(`${what} for profile "${context.profile}"`, {
    hint: "This is unexpected from STS; try again, and run with --debug if it persists",
  });
}
