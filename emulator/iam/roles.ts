import { callerAccount } from "../auth/caller.js";
import { validationError } from "../http/aws-error.js";
import { signed } from "../query-operation.js";
import { checkTrustPolicy, authorizeIam, paginate, requiredParam } from "./iam-support.js";
import { roleXml } from "./iam-xml.js";

/** GetRole. */
export const getRole = signed(async (state, params, caller) => {
  const role = state.world.role(callerAccount(caller), requiredParam(params, "RoleName"));
  await authorizeIam(state, caller, "GetRole", role.arn);
  return { Role: roleXml(role) };
});

/** ListRoles of the caller's account (Marker/MaxItems paging). */
export const listRoles = signed(async (state, params, caller) => {
  await authorizeIam(state, caller, "ListRoles", "*");
  const account = callerAccount(caller);
  const prefix = params["PathPrefix"] ?? "/";
  const roles = [...state.world.roles.values()].filter(
    (r) => r.accountId === account && r.path.startsWith(prefix),
  );
  const { page, IsTruncated, Marker } = paginate(roles, params, state.pageLimit);
  return { Roles: page.map(roleXml), IsTruncated, Marker };
});

/** CreateRole: trust policy validated; MaxSessionDuration 3600–43200. */
export const createRole = signed(async (state, params, caller) => {
  const name = requiredParam(params, "RoleName");
  const path = params["Path"] ?? "/";
  const account = callerAccount(caller);
  await authorizeIam(state, caller, "CreateRole", `arn:aws:iam::${account}:role${path}${name}`);
  const trust = checkTrustPolicy(requiredParam(params, "AssumeRolePolicyDocument"));
  const max = Number(params["MaxSessionDuration"] ?? "3600");
  if (!Number.isInteger(max) || max < 3600 || max > 43200) {
    throw validationError(
      `1 validation error detected: Value '${params["MaxSessionDuration"] ?? ""}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`,
    );
  }
  const role = state.world.createRole(account, name, trust, {
    path,
    maxSessionDuration: max,
    ...(params["Description"] === undefined ? {} : { description: params["Description"] }),
  });
  return { Role: roleXml(role) };
});
