import type * as IamSdk from "@aws-sdk/client-iam";
import type { AwsCallContext } from "../ports/aws/call-context.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import {
  type ClientFactoryOptions,
  fallbackRegion,
  sdkClientConfig,
  sdkModule,
  withSdkClient,
} from "./client-factory.js";
import { traceSdkCalls } from "./trace-sdk-calls.js";
import { type FailedIamCall, mapIamError } from "./map-iam-error.js";

/** One IAM call: the SDK and a client built for it, closed afterwards; failures as AppErrors. */
export type IamCall = <T>(
  credentials: AwsCredentials,
  context: AwsCallContext,
  failed: FailedIamCall,
  send: (sdk: typeof IamSdk, client: IamSdk.IAMClient) => Promise<T>,
) => Promise<T>;

/**
 * How the IAM adapter calls: the SDK is imported on the first call; IAM is global, so calls go
 * to `us-east-1` unless the context names a region (another partition's). CreateAccessKey is
 * tried once (see `createIamAdapter`).
 */
export function iamCall(options: ClientFactoryOptions): IamCall {
  return async (credentials, context, failed, send) => {
    const sdk = sdkModule(await import("@aws-sdk/client-iam"), "IAMClient");
    const iamContext = { ...context, region: context.region ?? fallbackRegion };
    const config = sdkClientConfig(
      failed.operation === "CreateAccessKey" ? { ...options, maxAttempts: 1 } : options,
      "iam",
      iamContext,
      credentials,
    );
    return withSdkClient(
      () => {
        const client = new sdk.IAMClient(config);
        traceSdkCalls(client.middlewareStack, options.debug);
        return client;
      },
      (client) => send(sdk, client),
      (error) => mapIamError(error, failed),
    );
  };
}

/** What a failed call was, for its message. */
export function failedIamCall(
  operation: FailedIamCall["operation"],
  credentials: AwsCredentials,
  context: AwsCallContext,
  userName: string | undefined,
  accessKeyId?: string,
  subject?: string,
): FailedIamCall {
  return {
    operation,
    profile: context.profile,
    userName,
    temporaryCredentials: credentials.sessionToken !== undefined,
    ...(accessKeyId === undefined ? {} : { accessKeyId }),
    ...(subject === undefined ? {} : { subject }),
  };
}

/** The marker of the next page of a listing, `undefined` on the last one. */
export function nextMarker(out: {
  readonly IsTruncated?: boolean | undefined;
  readonly Marker?: string | undefined;
}): string | undefined {
  return out.IsTruncated === true ? out.Marker : undefined;
}
