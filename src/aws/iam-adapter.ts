import type * as IamSdk from "@aws-sdk/client-iam";
import type {
  AccessKeyLastUsed,
  IamAccessKey,
  IamMfaDevice,
  IamPort,
  IamUser,
  NewAccessKey,
} from "../ports/aws/iam.js";
import type { ClientFactoryOptions } from "./client-factory.js";
import { collectPages } from "./collect-pages.js";
import { iamAuditMethods } from "./iam-audit-methods.js";
import { failedIamCall, iamCall, nextMarker } from "./iam-call.js";
import { unexpectedAwsAnswer } from "./map-aws-error.js";

/**
 * The {@link IamPort} over `@aws-sdk/client-iam`. IAM is a global service: its calls go to
 * `us-east-1` unless the context names a region (another partition's). The SDK is imported on the
 * first call; every failure leaves as an AppError (see `mapIamError`).
 *
 * CreateAccessKey is tried once: it is not idempotent, so a retry after an attempt whose answer
 * was lost would make a second key, or leave a key whose secret nobody saw; and the SDK takes its
 * `LimitExceeded` (two keys already) for throttling and would retry that for seconds. Rotation
 * lists the keys again instead. The one exception: AWS refused the request for this machine's
 * clock (which the SDK then corrects), so it did nothing with it, and it is sent once more.
 */
export function createIamAdapter(options: ClientFactoryOptions): IamPort {
  const call = iamCall(options);
  const failed = failedIamCall;

  return {
    ...iamAuditMethods(call),
    getUser: (credentials, context) =>
      call(
        credentials,
        context,
        failed("GetUser", credentials, context, undefined),
        async (sdk, client) => iamUser((await client.send(new sdk.GetUserCommand({}))).User),
      ),
    listAccessKeys: (credentials, userName, context) =>
      call(
        credentials,
        context,
        failed("ListAccessKeys", credentials, context, userName),
        (sdk, client) =>
          collectPages(async (Marker) => {
            const out = await client.send(
              new sdk.ListAccessKeysCommand({ UserName: userName, Marker }),
            );
            return { items: (out.AccessKeyMetadata ?? []).map(accessKey), next: nextMarker(out) };
          }),
      ),
    createAccessKey: (credentials, userName, context) =>
      call(
        credentials,
        context,
        failed("CreateAccessKey", credentials, context, userName),
        async (sdk, client) => {
          const command = new sdk.CreateAccessKeyCommand({ UserName: userName });
          const out = await sendAgainIfRefusedForTime(() => client.send(command));
          return newAccessKey(out.AccessKey);
        },
      ),
    updateAccessKey: (credentials, key, userName, context) =>
      call(
        credentials,
        context,
        failed("UpdateAccessKey", credentials, context, userName, key.accessKeyId),
        async (sdk, client) => {
          await client.send(
            new sdk.UpdateAccessKeyCommand({
              UserName: userName,
              AccessKeyId: key.accessKeyId,
              Status: key.status,
            }),
          );
        },
      ),
    deleteAccessKey: (credentials, accessKeyId, userName, context) =>
      call(
        credentials,
        context,
        failed("DeleteAccessKey", credentials, context, userName, accessKeyId),
        async (sdk, client) => {
          await client.send(
            new sdk.DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }),
          );
        },
      ),
    getAccessKeyLastUsed: (credentials, accessKeyId, context) =>
      call(
        credentials,
        context,
        failed("GetAccessKeyLastUsed", credentials, context, undefined, accessKeyId),
        async (sdk, client) => {
          const out = await client.send(
            new sdk.GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }),
          );
          return lastUsed(out.AccessKeyLastUsed);
        },
      ),
    listMfaDevices: (credentials, userName, context) =>
      call(
        credentials,
        context,
        failed("ListMFADevices", credentials, context, userName),
        (sdk, client) =>
          collectPages(async (Marker) => {
            const out = await client.send(
              new sdk.ListMFADevicesCommand({ UserName: userName, Marker }),
            );
            return { items: (out.MFADevices ?? []).map(mfaDevice), next: nextMarker(out) };
          }),
      ),
  };
}

// The codes with which AWS refuses a request's signature or time before acting on it (the SDK's
// own list of clock-skew errors).
const refusedBeforeActing = new Set([
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
]);

/**
 * Sends a call that must not be repeated blindly; once more only when AWS refused it for the
 * clock before acting on it and the SDK has corrected its clock from AWS's answer.
 */
async function sendAgainIfRefusedForTime<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (
      !(error instanceof Error) ||
      !refusedBeforeActing.has(error.name) ||
      !skewCorrected(error)
    ) {
      throw error;
    }
    return send();
  }
}

function skewCorrected(error: Error): boolean {
  if (!("$metadata" in error)) return false;
  const metadata: unknown = error.$metadata;
  return (
    typeof metadata === "object" &&
    metadata !== null &&
    "clockSkewCorrected" in metadata &&
    metadata.clockSkewCorrected === true
  );
}

function iamUser(user: IamSdk.User | undefined): IamUser {
  if (user?.UserName === undefined || user.Arn === undefined || user.UserId === undefined) {
    throw unexpectedAwsAnswer("GetUser", "IAM");
  }
  return { userName: user.UserName, arn: user.Arn, userId: user.UserId };
}

function accessKey(key: IamSdk.AccessKeyMetadata): IamAccessKey {
  if (key.AccessKeyId === undefined) throw unexpectedAwsAnswer("ListAccessKeys", "IAM");
  return {
    accessKeyId: key.AccessKeyId,
    // "Expired" belongs to service-specific credentials; such a key signs nothing either.
    status: key.Status === "Active" ? "Active" : "Inactive",
    createDate: key.CreateDate,
  };
}

function newAccessKey(key: IamSdk.AccessKey | undefined): NewAccessKey {
  if (key?.AccessKeyId === undefined || key.SecretAccessKey === undefined) {
    throw unexpectedAwsAnswer("CreateAccessKey", "IAM");
  }
  return {
    accessKeyId: key.AccessKeyId,
    secretAccessKey: key.SecretAccessKey,
    createDate: key.CreateDate,
  };
}

// IAM answers "N/A" for the service and region of a key that was never used.
function lastUsed(used: IamSdk.AccessKeyLastUsed | undefined): AccessKeyLastUsed {
  const known = (value: string | undefined) => (value === "N/A" ? undefined : value);
  return {
    lastUsedDate: used?.LastUsedDate,
    serviceName: known(used?.ServiceName),
    region: known(used?.Region),
  };
}

function mfaDevice(device: IamSdk.MFADevice): IamMfaDevice {
  if (device.SerialNumber === undefined) throw unexpectedAwsAnswer("ListMFADevices", "IAM");
  return { serialNumber: device.SerialNumber, enableDate: device.EnableDate };
}
