import { callerAccount } from "../auth/caller.js";
import { validationError } from "../http/aws-error.js";
import { signed } from "../query-operation.js";
import { noSuchEntity } from "../world/iam-errors.js";
import { authorizeIam, paginate, requiredParam, targetUser } from "./iam-support.js";
import { accessKeyMetadataXml } from "./iam-xml.js";

/**
 * CreateAccessKey: at most two keys per user (LimitExceeded), as AWS. With a `new-key-delay` set,
 * the key is refused for that long, as IAM's eventual consistency may refuse a new key.
 */
export const createAccessKey = signed(async (state, params, caller) => {
  const user = targetUser(state, caller, params);
  await authorizeIam(state, caller, "CreateAccessKey", user.arn);
  const key = state.world.createAccessKey(user);
  key.usableAt = state.newKeyDelay.usableAt(key.createDate);
  return {
    AccessKey: {
      UserName: key.userName,
      AccessKeyId: key.accessKeyId,
      Status: key.status,
      SecretAccessKey: key.secretAccessKey,
      CreateDate: key.createDate,
    },
  };
});

/** DeleteAccessKey: the key stops working at once. */
export const deleteAccessKey = signed(async (state, params, caller) => {
  const user = targetUser(state, caller, params);
  await authorizeIam(state, caller, "DeleteAccessKey", user.arn);
  const key = state.world.accessKeyOf(user, requiredParam(params, "AccessKeyId"));
  state.world.accessKeys.delete(key.accessKeyId);
  return undefined;
});

/** UpdateAccessKey: Active/Inactive; an inactive key is refused at once. */
export const updateAccessKey = signed(async (state, params, caller) => {
  const user = targetUser(state, caller, params);
  await authorizeIam(state, caller, "UpdateAccessKey", user.arn);
  const key = state.world.accessKeyOf(user, requiredParam(params, "AccessKeyId"));
  const status = requiredParam(params, "Status");
  if (status !== "Active" && status !== "Inactive") {
    throw validationError(
      `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
    );
  }
  key.status = status;
  return undefined;
});

/** ListAccessKeys (UserName defaults to the caller), paged by Marker / MaxItems. */
export const listAccessKeys = signed(async (state, params, caller) => {
  const user = targetUser(state, caller, params);
  await authorizeIam(state, caller, "ListAccessKeys", user.arn);
  const { page, IsTruncated, Marker } = paginate(state.world.keysOf(user), params, state.pageLimit);
  return {
    UserName: user.userName,
    AccessKeyMetadata: page.map(accessKeyMetadataXml),
    IsTruncated,
    Marker,
  };
});

/** GetAccessKeyLastUsed: when, where and with which service the key last signed a request. */
export const getAccessKeyLastUsed = signed(async (state, params, caller) => {
  const keyId = requiredParam(params, "AccessKeyId");
  const key = state.world.accessKeys.get(keyId);
  if (key === undefined || key.accountId !== callerAccount(caller)) {
    throw noSuchEntity(`The Access Key with id ${keyId} cannot be found.`);
  }
  await authorizeIam(
    state,
    caller,
    "GetAccessKeyLastUsed",
    state.world.user(key.accountId, key.userName).arn,
  );
  const used = key.lastUsed;
  return {
    UserName: key.userName,
    AccessKeyLastUsed: {
      LastUsedDate: used?.date,
      ServiceName: used?.serviceName ?? "N/A",
      Region: used?.region ?? "N/A",
    },
  };
});
