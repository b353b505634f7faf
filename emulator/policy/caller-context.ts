import { type Caller, callerAccount, callerArn, callerUserId } from "../auth/caller.js";

/** Condition-key values keyed by name (`aws:MultiFactorAuthPresent` …). */
export type ContextValues = Record<string, string | string[]>;

/**
 * The global condition keys AWS puts in the request context for this caller. Long-term keys get
 * no `aws:MultiFactorAuthPresent` at all — which is why the practice's deny uses BoolIfExists.
 */
export function callerContext(caller: Caller, nowMs: number): ContextValues {
  const context: ContextValues = {
    "aws:PrincipalArn": principalArn(caller),
    "aws:PrincipalAccount": callerAccount(caller),
    "aws:PrincipalType": principalType(caller),
    "aws:userid": callerUserId(caller),
    "aws:CurrentTime": new Date(nowMs).toISOString(),
    "aws:EpochTime": String(Math.floor(nowMs / 1000)),
    "aws:RequestedRegion": caller.region,
    "aws:SecureTransport": "true",
  };
  if (caller.principal.kind === "user") context["aws:username"] = caller.principal.user.userName;
  const session = caller.session;
  if (session === undefined) return context;
  context["aws:TokenIssueTime"] = session.issuedAt.toISOString();
  context["aws:MultiFactorAuthPresent"] =
    session.mfaAuthenticatedAt === undefined ? "false" : "true";
  if (session.mfaAuthenticatedAt !== undefined) {
    context["aws:MultiFactorAuthAge"] = String(
      Math.floor((nowMs - session.mfaAuthenticatedAt.getTime()) / 1000),
    );
  }
  if (session.sourceIdentity !== undefined) context["aws:SourceIdentity"] = session.sourceIdentity;
  for (const tag of session.tags) context[`aws:PrincipalTag/${tag.key}`] = tag.value;
  return context;
}

// For a role session, aws:PrincipalArn is the role's ARN, not the assumed-role session ARN.
function principalArn(caller: Caller): string {
  return caller.principal.kind === "role" ? caller.principal.role.arn : callerArn(caller);
}

function principalType(caller: Caller): string {
  switch (caller.principal.kind) {
    case "user":
      return "User";
    case "role":
      return "AssumedRole";
    case "federated":
      return "FederatedUser";
  }
}
