import { type Caller, callerArn } from "../auth/caller.js";
import { accessDenied } from "../http/aws-error.js";
import type { NamedPolicy, World } from "../world/world.js";
import { type ContextValues, callerContext } from "./caller-context.js";
import { type Decision, evaluatePolicies } from "./evaluate-policies.js";

/** What is asked for: an action on a resource in an account, with extra context keys. */
export interface Request {
  readonly action: string;
  readonly resourceArn: string;
  readonly resourceAccount: string;
  readonly resourcePolicy?: string;
  readonly context?: ContextValues;
}

/**
 * Evaluates the caller's identity (and session) policies for `request`; throws AccessDenied with
 * AWS's wording unless the decision is Allowed.
 */
export async function authorize(world: World, caller: Caller, request: Request): Promise<void> {
  const decision = await decide(world, caller, request);
  if (decision !== "Allowed") throw deniedError(caller, request, decision);
}

/** The decision without throwing. */
export async function decide(world: World, caller: Caller, request: Request): Promise<Decision> {
  const p = caller.principal;
  // GetFederationToken without a policy grants nothing (STS docs); the library would allow.
  if (p.kind === "federated" && p.policy === undefined) return "ImplicitlyDenied";
  return evaluatePolicies({
    principalArn: callerArn(caller),
    action: request.action,
    resourceArn: request.resourceArn,
    resourceAccount: request.resourceAccount,
    identityPolicies: identityPolicies(world, caller),
    resourcePolicy: request.resourcePolicy,
    sessionPolicy: p.kind === "federated" ? p.policy : caller.session?.sessionPolicy,
    context: { ...callerContext(caller, world.clock.nowMs()), ...request.context },
  });
}

function identityPolicies(world: World, caller: Caller): NamedPolicy[] {
  const p = caller.principal;
  return p.kind === "role" ? world.rolePolicies(p.role) : world.userPolicies(p.user);
}

/** AccessDenied worded as AWS words it for the decision. */
export function deniedError(caller: Caller, request: Request, decision: Decision) {
  const why =
    decision === "ExplicitlyDenied"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${request.action} action`;
  return accessDenied(
    `User: ${callerArn(caller)} is not authorized to perform: ${request.action} on resource: ${request.resourceArn} ${why}`,
  );
}
