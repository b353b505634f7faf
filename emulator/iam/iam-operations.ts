import type { QueryOperation } from "../query-operation.js";
import {
  createAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  listAccessKeys,
  updateAccessKey,
} from "./access-keys.js";
import { generateCredentialReport, getCredentialReport } from "./credential-report.js";
import { addUserToGroup, createGroup, getGroup, listGroups, listGroupsForUser } from "./groups.js";
import {
  attachPolicy,
  createPolicy,
  getInlinePolicy,
  getPolicy,
  getPolicyVersion,
  listAttachedPolicies,
  listInlinePolicies,
  putInlinePolicy,
} from "./policies.js";
import { createRole, getRole, listRoles } from "./roles.js";
import {
  createUser,
  getAccountSummary,
  getLoginProfile,
  getUser,
  listMfaDevices,
  listUsers,
} from "./users.js";

const HOLDERS = ["User", "Group", "Role"] as const;

/** The IAM actions the emulator serves, by awsQuery `Action`. */
export const IAM_OPERATIONS: ReadonlyMap<string, QueryOperation> = new Map<string, QueryOperation>([
  ["GetUser", getUser],
  ["ListUsers", listUsers],
  ["CreateUser", createUser],
  ["GetLoginProfile", getLoginProfile],
  ["ListMFADevices", listMfaDevices],
  ["GetAccountSummary", getAccountSummary],
  ["CreateAccessKey", createAccessKey],
  ["DeleteAccessKey", deleteAccessKey],
  ["UpdateAccessKey", updateAccessKey],
  ["ListAccessKeys", listAccessKeys],
  ["GetAccessKeyLastUsed", getAccessKeyLastUsed],
  ["GetRole", getRole],
  ["ListRoles", listRoles],
  ["CreateRole", createRole],
  ["CreateGroup", createGroup],
  ["GetGroup", getGroup],
  ["ListGroups", listGroups],
  ["AddUserToGroup", addUserToGroup],
  ["ListGroupsForUser", listGroupsForUser],
  ["CreatePolicy", createPolicy],
  ["GetPolicy", getPolicy],
  ["GetPolicyVersion", getPolicyVersion],
  ["GenerateCredentialReport", generateCredentialReport],
  ["GetCredentialReport", getCredentialReport],
  ...HOLDERS.flatMap((kind): Array<[string, QueryOperation]> => [
    [`Put${kind}Policy`, putInlinePolicy(kind)],
    [`Get${kind}Policy`, getInlinePolicy(kind)],
    [`List${kind}Policies`, listInlinePolicies(kind)],
    [`Attach${kind}Policy`, attachPolicy(kind)],
    [`ListAttached${kind}Policies`, listAttachedPolicies(kind)],
  ]),
]);
