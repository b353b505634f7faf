import { callerAccount } from "../auth/caller.js";
import { signed } from "../query-operation.js";
import { noSuchEntity } from "../world/iam-errors.js";
import { authorizeIam, paginate, requiredParam, targetUser } from "./iam-support.js";
import { userXml } from "./iam-xml.js";
import type { RootUser } from "../world/model.js";

/** GetUser (UserName defaults to the caller). */
export const getUser = signed(async (state, params, caller) => {
  const user = targetUser(state, caller, params);
  await authorizeIam(state, caller, "GetUser", user.arn);
  return { User: userXml(user) };
});

/** ListUsers of the caller's account. */
export const listUsers = signed(async (state, params, caller) => {
  await authorizeIam(state, caller, "ListUsers", "*");
  const account = callerAccount(caller);
  const prefix = params["PathPrefix"] ?? "/";
  const users = [...state.world.users.values()].filter(
    (u) => u.accountId === account && u.path.startsWith(prefix),
  );
  const { page, IsTruncated, Marker } = paginate(users, params, state.pageLimit);
  return { Users: page.map(userXml), IsTruncated, Marker };
});

/** CreateUser. */
export const createUser = signed(async (state, params, caller) => {
  const name = requiredParam(params, "UserName");
  const path = params["Path"] ?? "/";
  const account = callerAccount(caller);
  await authorizeIam(state, caller, "CreateUser", `arn:aws:iam::${account}:user${path}${name}`);
  return { User: userXml(state.world.createUser(account, name, path)) };
});

/** GetLoginProfile: NoSuchEntity when the user has no console password. */
export const getLoginProfile = signed(async (state, params, caller) => {
  const user = targetUser(state, caller, params);
  await authorizeIam(state, caller, "GetLoginProfile", user.arn);
  if (user.loginProfile === undefined)
    throw noSuchEntity(`Login Profile for User ${user.userName} cannot be found.`);
  return {
    LoginProfile: {
      UserName: user.userName,
      CreateDate: user.loginProfile.createDate,
      PasswordResetRequired: false,
    },
  };
});

/** ListMFADevices (UserName defaults to the caller), paged by Marker / MaxItems. */
export const listMfaDevices = signed(async (state, params, caller) => {
  const user = targetUser(state, caller, params);
  await authorizeIam(state, caller, "ListMFADevices", user.arn);
  const { page, IsTruncated, Marker } = paginate(user.mfaDevices, params, state.pageLimit);
  return {
    MFADevices: page.map((d) => ({
      UserName: user.userName,
      SerialNumber: d.serialNumber,
      EnableDate: d.enableDate,
    })),
    IsTruncated,
    Marker,
  };
});

// The root user's facts; with no root credentials at all (centralized root access management)
// every one of them is 0.
function rootSummary(root: RootUser | undefined): Array<[string, number]> {
  return [
    ["AccountMFAEnabled", root?.mfaEnabled === false ? 0 : 1],
    ["AccountAccessKeysPresent", root !== undefined && root.accessKeys > 0 ? 1 : 0],
    ["AccountPasswordPresent", root?.passwordPresent === false ? 0 : 1],
    ["AccountSigningCertificatesPresent", 0],
  ];
}

/** GetAccountSummary: entity counts and quotas of the caller's account. */
export const getAccountSummary = signed(async (state, _params, caller) => {
  await authorizeIam(state, caller, "GetAccountSummary", "*");
  const account = callerAccount(caller);
  const { world } = state;
  const users = [...world.users.values()].filter((u) => u.accountId === account);
  const count = <T extends { accountId: string }>(items: Iterable<T>) =>
    [...items].filter((i) => i.accountId === account).length;
  const summary = new Map<string, number>([
    ["Users", users.length],
    ["UsersQuota", 5000],
    ["Groups", count(world.groups.values())],
    ["GroupsQuota", 300],
    ["Roles", count(world.roles.values())],
    ["RolesQuota", 1000],
    [
      "Policies",
      [...world.managedPolicies.keys()].filter((arn) => arn.includes(`::${account}:`)).length,
    ],
    ["PoliciesQuota", 1500],
    ["MFADevices", users.reduce((n, u) => n + u.mfaDevices.length, 0)],
    ["MFADevicesInUse", users.filter((u) => u.mfaDevices.length > 0).length],
    ["AccessKeysPerUserQuota", 2],
    ...rootSummary(world.accounts.get(account)?.root),
  ]);
  return { SummaryMap: summary };
});
