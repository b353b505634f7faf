import { type Caller, callerArn } from "../auth/caller.js";
import { accessDenied, validationError } from "../http/aws-error.js";
import { queryList, queryTags } from "../http/query-protocol.js";
import type { ContextValues } from "../policy/caller-context.js";
import { callerContext } from "../policy/caller-context.js";
import { evaluatePolicies } from "../policy/evaluate-policies.js";
import { signed } from "../query-operation.js";
import type { EmulatorState } from "../state.js";
import type { Role, SessionTag } from "../world/model.js";
import { checkMfa } from "./check-mfa.js";
import { credentialsXml, issueSession, packedSize } from "./issue-session.js";
import { constrained, durationSeconds, required, StsPattern } from "./sts-validation.js";

/** AWS caps sessions made from temporary credentials ("role chaining") at one hour. */
export const ROLE_CHAINING_LIMIT_SECONDS = 3600;

/**
 * AssumeRole: trust and identity policies evaluated with the request's context (MFA from this call
 * or carried by the caller's session, ExternalId, session name, tags, source identity); duration
 * bounded by the role's MaxSessionDuration and by the 1 h role-chaining cap.
 */
export const assumeRole = signed(async (state, params, caller) => {
  if (caller.principal.kind === "federated")
    throw accessDenied("Cannot call AssumeRole with federated user credentials");
  const roleArn = required(params, "RoleArn");
  const sessionName = required(params, "RoleSessionName");
  constrained(params, "RoleSessionName", 2, 64, StsPattern.roleSessionName);
  const externalId = constrained(params, "ExternalId", 2, 1224, StsPattern.externalId);
  const sourceIdentity = constrained(params, "SourceIdentity", 2, 64, StsPattern.sourceIdentity);
  const chained = caller.session !== undefined;
  const requested = durationSeconds(params, 3600, 900, 43200);
  const mfaNow = checkMfa(caller, params, state.clock.nowMs());
  const role = state.world.roleByArn(roleArn);
  if (role === undefined) throw notAuthorized(caller, roleArn);
  checkDuration(requested, role, chained);
  const tags = [...queryTags(params, "Tags"), ...inheritedTags(caller)];
  const transitive = [
    ...queryList(params, "TransitiveTagKeys"),
    ...(caller.session?.transitiveTagKeys ?? []),
  ];
  const context = requestContext(state, caller, mfaNow, {
    sessionName,
    externalId,
    sourceIdentity,
    tags,
    transitive,
  });
  for (const action of actionsFor(tags, sourceIdentity)) {
    await checkTrust(state, caller, role, action, context);
  }
  const mfaAt = mfaNow ? state.clock.now() : caller.session?.mfaAuthenticatedAt;
  const session = issueSession(state.world, {
    principal: { kind: "role", role, sessionName },
    durationSeconds: requested,
    mfaAuthenticatedAt: mfaAt,
    chained,
    tags,
    transitiveTagKeys: [...new Set(transitive)],
    sourceIdentity: sourceIdentity ?? caller.session?.sourceIdentity,
    sessionPolicy: params["Policy"],
  });
  return {
    Credentials: credentialsXml(session),
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
    },
    ...packedSize(tags.length > 0 || params["Policy"] !== undefined, session.sessionToken),
    SourceIdentity: session.sourceIdentity,
  };
});

function checkDuration(requested: number, role: Role, chained: boolean): void {
  if (chained && requested > ROLE_CHAINING_LIMIT_SECONDS) {
    throw validationError(
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (requested > role.maxSessionDuration) {
    throw validationError(
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
}

// Transitive tags of the caller's session pass on to the sessions it assumes.
function inheritedTags(caller: Caller): SessionTag[] {
  const session = caller.session;
  if (session === undefined) return [];
  return session.tags.filter((t) => session.transitiveTagKeys.includes(t.key));
}

function actionsFor(tags: readonly SessionTag[], sourceIdentity: string | undefined): string[] {
  const actions = ["sts:AssumeRole"];
  if (tags.length > 0) actions.push("sts:TagSession");
  if (sourceIdentity !== undefined) actions.push("sts:SetSourceIdentity");
  return actions;
}

interface RequestFacts {
  readonly sessionName: string;
  readonly externalId: string | undefined;
  readonly sourceIdentity: string | undefined;
  readonly tags: readonly SessionTag[];
  readonly transitive: readonly string[];
}

function requestContext(
  state: EmulatorState,
  caller: Caller,
  mfaNow: boolean,
  facts: RequestFacts,
): ContextValues {
  const context = callerContext(caller, state.clock.nowMs());
  if (mfaNow) {
    context["aws:MultiFactorAuthPresent"] = "true";
    context["aws:MultiFactorAuthAge"] = "0";
  }
  context["sts:RoleSessionName"] = facts.sessionName;
  if (facts.externalId !== undefined) context["sts:ExternalId"] = facts.externalId;
  if (facts.sourceIdentity !== undefined) context["sts:SourceIdentity"] = facts.sourceIdentity;
  for (const tag of facts.tags) context[`aws:RequestTag/${tag.key}`] = tag.value;
  if (facts.tags.length > 0) context["aws:TagKeys"] = facts.tags.map((t) => t.key);
  if (facts.transitive.length > 0) context["sts:TransitiveTagKeys"] = [...facts.transitive];
  return context;
}

async function checkTrust(
  state: EmulatorState,
  caller: Caller,
  role: Role,
  action: string,
  context: ContextValues,
): Promise<void> {
  const p = caller.principal;
  const decision = await evaluatePolicies({
    principalArn: callerArn(caller),
    action,
    resourceArn: role.arn,
    resourceAccount: role.accountId,
    identityPolicies:
      p.kind === "role" ? state.world.rolePolicies(p.role) : state.world.userPolicies(p.user),
    resourcePolicy: role.trustPolicy,
    sessionPolicy: caller.session?.sessionPolicy,
    context,
  });
  if (decision !== "Allowed") throw notAuthorized(caller, role.arn, action);
}

function notAuthorized(caller: Caller, roleArn: string, action = "sts:AssumeRole") {
  return accessDenied(
    `User: ${callerArn(caller)} is not authorized to perform: ${action} on resource: ${roleArn}`,
  );
}
