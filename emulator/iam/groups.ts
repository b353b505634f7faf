import { callerAccount } from "../auth/caller.js";
import { signed } from "../query-operation.js";
import { authorizeIam, paginate, requiredParam } from "./iam-support.js";
import { groupXml, userXml } from "./iam-xml.js";

/** CreateGroup. */
export const createGroup = signed(async (state, params, caller) => {
  const name = requiredParam(params, "GroupName");
  const path = params["Path"] ?? "/";
  const account = callerAccount(caller);
  await authorizeIam(state, caller, "CreateGroup", `arn:aws:iam::${account}:group${path}${name}`);
  return { Group: groupXml(state.world.createGroup(account, name, path)) };
});

/** GetGroup with its members. */
export const getGroup = signed(async (state, params, caller) => {
  const group = state.world.group(callerAccount(caller), requiredParam(params, "GroupName"));
  await authorizeIam(state, caller, "GetGroup", group.arn);
  const members = [...state.world.users.values()].filter(
    (u) => u.accountId === group.accountId && u.groupNames.has(group.groupName),
  );
  return { Group: groupXml(group), Users: members.map(userXml), IsTruncated: false };
});

/** ListGroups of the caller's account. */
export const listGroups = signed(async (state, params, caller) => {
  await authorizeIam(state, caller, "ListGroups", "*");
  const account = callerAccount(caller);
  const groups = [...state.world.groups.values()].filter((g) => g.accountId === account);
  const { page, IsTruncated, Marker } = paginate(groups, params, state.pageLimit);
  return { Groups: page.map(groupXml), IsTruncated, Marker };
});

/** AddUserToGroup. */
export const addUserToGroup = signed(async (state, params, caller) => {
  const account = callerAccount(caller);
  const group = state.world.group(account, requiredParam(params, "GroupName"));
  const user = state.world.user(account, requiredParam(params, "UserName"));
  await authorizeIam(state, caller, "AddUserToGroup", group.arn);
  user.groupNames.add(group.groupName);
  return undefined;
});

/** ListGroupsForUser. */
export const listGroupsForUser = signed(async (state, params, caller) => {
  const account = callerAccount(caller);
  const user = state.world.user(account, requiredParam(params, "UserName"));
  await authorizeIam(state, caller, "ListGroupsForUser", user.arn);
  const groups = [...user.groupNames].map((name) => state.world.group(account, name));
  return { Groups: groups.map(groupXml), IsTruncated: false };
});
