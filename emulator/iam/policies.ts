import { callerAccount, type Caller } from "../auth/caller.js";
import type { QueryParams } from "../http/query-protocol.js";
import { signed } from "../query-operation.js";
import type { EmulatorState } from "../state.js";
import { noSuchEntity } from "../world/iam-errors.js";
import type { PolicyDocument } from "../world/model.js";
import { authorizeIam, checkIdentityPolicy, encodePolicy, requiredParam } from "./iam-support.js";
import { policyXml } from "./iam-xml.js";

/** The three IAM entity kinds that hold policies, with their awsQuery parameter names. */
type Holder = "User" | "Group" | "Role";

interface PolicyHolder {
  readonly name: string;
  readonly arn: string;
  readonly inlinePolicies: Map<string, PolicyDocument>;
  readonly attachedPolicyArns: Set<string>;
}

function holderOf(
  state: EmulatorState,
  caller: Caller,
  params: QueryParams,
  kind: Holder,
): PolicyHolder {
  const account = callerAccount(caller);
  const name = requiredParam(params, `${kind}Name`);
  switch (kind) {
    case "User":
      return { ...pick(state.world.user(account, name)), name };
    case "Group":
      return { ...pick(state.world.group(account, name)), name };
    case "Role":
      return { ...pick(state.world.role(account, name)), name };
  }
}

function pick(entity: Omit<PolicyHolder, "name">): Omit<PolicyHolder, "name"> {
  return {
    arn: entity.arn,
    inlinePolicies: entity.inlinePolicies,
    attachedPolicyArns: entity.attachedPolicyArns,
  };
}

/** Put{User,Group,Role}Policy: validated inline policy. */
export function putInlinePolicy(kind: Holder) {
  return signed(async (state, params, caller) => {
    const holder = holderOf(state, caller, params, kind);
    await authorizeIam(state, caller, `Put${kind}Policy`, holder.arn);
    const document = checkIdentityPolicy(requiredParam(params, "PolicyDocument"));
    holder.inlinePolicies.set(requiredParam(params, "PolicyName"), document);
    return undefined;
  });
}

/** Get{User,Group,Role}Policy: the inline document, URL-encoded. */
export function getInlinePolicy(kind: Holder) {
  return signed(async (state, params, caller) => {
    const holder = holderOf(state, caller, params, kind);
    await authorizeIam(state, caller, `Get${kind}Policy`, holder.arn);
    const policyName = requiredParam(params, "PolicyName");
    const document = holder.inlinePolicies.get(policyName);
    if (document === undefined) {
      throw noSuchEntity(
        `The ${kind.toLowerCase()} policy with name ${policyName} cannot be found.`,
      );
    }
    return {
      [`${kind}Name`]: holder.name,
      PolicyName: policyName,
      PolicyDocument: encodePolicy(document),
    };
  });
}

/** List{User,Group,Role}Policies: inline policy names. */
export function listInlinePolicies(kind: Holder) {
  return signed(async (state, params, caller) => {
    const holder = holderOf(state, caller, params, kind);
    await authorizeIam(state, caller, `List${kind}Policies`, holder.arn);
    return { PolicyNames: [...holder.inlinePolicies.keys()], IsTruncated: false };
  });
}

/** Attach{User,Group,Role}Policy: the managed policy must exist. */
export function attachPolicy(kind: Holder) {
  return signed(async (state, params, caller) => {
    const holder = holderOf(state, caller, params, kind);
    await authorizeIam(state, caller, `Attach${kind}Policy`, holder.arn);
    holder.attachedPolicyArns.add(
      state.world.managedPolicy(requiredParam(params, "PolicyArn")).arn,
    );
    return undefined;
  });
}

/** ListAttached{User,Group,Role}Policies. */
export function listAttachedPolicies(kind: Holder) {
  return signed(async (state, params, caller) => {
    const holder = holderOf(state, caller, params, kind);
    await authorizeIam(state, caller, `ListAttached${kind}Policies`, holder.arn);
    const attached = [...holder.attachedPolicyArns].map((arn) => ({
      PolicyName: state.world.managedPolicy(arn).policyName,
      PolicyArn: arn,
    }));
    return { AttachedPolicies: attached, IsTruncated: false };
  });
}

/** CreatePolicy: a customer-managed policy in the caller's account. */
export const createPolicy = signed(async (state, params, caller) => {
  const name = requiredParam(params, "PolicyName");
  const arn = `arn:aws:iam::${callerAccount(caller)}:policy/${name}`;
  await authorizeIam(state, caller, "CreatePolicy", arn);
  const document = checkIdentityPolicy(requiredParam(params, "PolicyDocument"));
  return { Policy: policyXml(state.world.addManagedPolicy(arn, name, document), 0) };
});

/** GetPolicyVersion: the document of a managed policy (each has one version, v1), URL-encoded. */
export const getPolicyVersion = signed(async (state, params, caller) => {
  const policy = state.world.managedPolicy(requiredParam(params, "PolicyArn"));
  await authorizeIam(state, caller, "GetPolicyVersion", policy.arn);
  const version = requiredParam(params, "VersionId");
  if (version !== "v1") {
    throw noSuchEntity(
      `Policy ${policy.arn} version ${version} does not exist or is not attachable.`,
    );
  }
  return {
    PolicyVersion: {
      Document: encodePolicy(policy.document),
      VersionId: "v1",
      IsDefaultVersion: true,
      CreateDate: policy.createDate,
    },
  };
});

/** GetPolicy. */
export const getPolicy = signed(async (state, params, caller) => {
  const policy = state.world.managedPolicy(requiredParam(params, "PolicyArn"));
  await authorizeIam(state, caller, "GetPolicy", policy.arn);
  return { Policy: policyXml(policy, attachmentCount(state, policy.arn)) };
});

function attachmentCount(state: EmulatorState, arn: string): number {
  const { users, groups, roles } = state.world;
  return [...users.values(), ...groups.values(), ...roles.values()].filter((e) =>
    e.attachedPolicyArns.has(arn),
  ).length;
}
