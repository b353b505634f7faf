import { actionElementMatches } from "./match-action.js";
import { arnAccount, principalMatch, type PrincipalMatch } from "./match-principal.js";
import { resourceElementMatches, type PolicyKind } from "./match-resource.js";
import { evaluateCondition } from "./evaluate-condition.js";
import type { PolicyDocument, Statement } from "./policy-document.js";
import type { RequestContext } from "./request-context.js";
import { allOf, isUnknown, type Tri } from "./tri.js";

/** One request to authorize. */
export interface IamRequest {
  /**
   * Who asks: an IAM user's ARN, an assumed-role session's
   * (`arn:aws:sts::A:assumed-role/Role/session`), or a service principal.
   */
  readonly principal: string;
  /** `service:Action`, e.g. `sts:AssumeRole`. */
  readonly action: string;
  /** The resource's ARN, or `*` for an action that takes no resource (`iam:ListUsers`). */
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  readonly context: RequestContext;
}

/** The policies that decide a request: the caller's identity policies and the resource's. */
export interface RequestPolicies {
  readonly identity: readonly PolicyDocument[];
  /** A resource policy, such as the trust policy of the role an `sts:AssumeRole` names. */
  readonly resource?: PolicyDocument | undefined;
}

/** IAM's three outcomes, or why the evaluator cannot tell. */
export type Decision =
  | { readonly result: "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied" }
  | {
      readonly result: "NotEvaluated";
      /** The constructs outside the evaluated subset that the outcome depends on. */
      readonly reasons: readonly string[];
      /** `false` when the request is refused however they evaluate (explicitly or not). */
      readonly allowed: false | undefined;
    };

/**
 * IAM's evaluation logic for the subset awsafe needs: an explicit Deny in any policy wins; then
 * an Allow is needed. Within one account, identity policies alone may allow, and so may a
 * resource policy that names the caller; a role's trust policy that names only the caller's
 * account leaves the decision to its identity policies (STS never trusts them without the trust
 * policy naming the account). Across accounts both sides must allow. `sts:GetCallerIdentity`
 * is always allowed. Statements whose outcome cannot be decided are tried both ways: if the
 * decision is the same, it stands; otherwise it is `NotEvaluated`.
 */
export function evaluateRequest(policies: RequestPolicies, request: IamRequest): Decision {
  if (request.action.toLowerCase() === "sts:getcalleridentity") return { result: "Allowed" };
  const identity = policies.identity.flatMap((policy) =>
    policy.statements.map((statement) => judgeStatement(statement, request, "identity")),
  );
  const resource = policies.resource?.statements.map((statement) =>
    judgeStatement(statement, request, "resource"),
  );
  const strict = decide(request, identity, resource, "restrictive");
  const lenient = decide(request, identity, resource, "permissive");
  if (strict === lenient) return { result: strict };
  const reasons = [...identity, ...(resource ?? [])].flatMap((judged) =>
    isUnknown(judged.applies) ? [judged.applies.unknown] : [],
  );
  return {
    result: "NotEvaluated",
    reasons: [...new Set(reasons)],
    allowed: lenient === "Allowed" ? undefined : false,
  };
}

/** Whether the decision allows: `undefined` when it was not evaluated and could go either way. */
export function isAllowed(decision: Decision): boolean | undefined {
  return decision.result === "NotEvaluated" ? decision.allowed : decision.result === "Allowed";
}

interface JudgedStatement {
  readonly effect: Statement["effect"];
  /** Action, resource and conditions all hold (or could not be decided). */
  readonly applies: Tri;
  /** For resource policies: how the principal covers the caller. */
  readonly principal: PrincipalMatch;
}

function judgeStatement(
  statement: Statement,
  request: IamRequest,
  kind: PolicyKind,
): JudgedStatement {
  const principal =
    kind === "identity" ? "match" : principalMatch(statement.principal, request.principal);
  const action = actionElementMatches(statement.action, request.action);
  const applies =
    !action || principal === "none"
      ? false
      : allOf([
          statement.resource === undefined
            ? true
            : resourceElementMatches(statement.resource, request.resource, request.context, kind),
          ...statement.conditions.map((condition) => evaluateCondition(condition, request.context)),
        ]);
  return { effect: statement.effect, applies, principal };
}

type Outcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** Undecided statements apply when that makes the request less (restrictive) or more allowed. */
function decide(
  request: IamRequest,
  identity: readonly JudgedStatement[],
  resource: readonly JudgedStatement[] | undefined,
  mode: "restrictive" | "permissive",
): Outcome {
  const applies = (judged: JudgedStatement) =>
    isUnknown(judged.applies)
      ? (judged.effect === "Deny") === (mode === "restrictive")
      : judged.applies;
  const denies = (list: readonly JudgedStatement[]) =>
    list.some((judged) => judged.effect === "Deny" && applies(judged));
  const allowing = (list: readonly JudgedStatement[]) =>
    list.filter((judged) => judged.effect === "Allow" && applies(judged));
  if (denies(identity) || (resource !== undefined && denies(resource))) return "ExplicitlyDenied";
  const identityAllows = allowing(identity).length > 0;
  const resourceAllows = resource === undefined ? [] : allowing(resource);
  const direct = resourceAllows.some((judged) => judged.principal !== "account");
  const forAccount = resourceAllows.some((judged) => judged.principal === "account");
  const callerAccount = arnAccount(request.principal);
  const sameAccount = callerAccount === request.resourceAccount;
  let allowed: boolean;
  // A service principal (ec2.amazonaws.com) has no identity policies: the resource's decide.
  if (callerAccount === undefined) allowed = direct;
  else if (!sameAccount) allowed = identityAllows && (direct || forAccount);
  else if (resource === undefined) allowed = identityAllows;
  else if (request.action.toLowerCase().startsWith("sts:")) {
    allowed = direct || (forAccount && identityAllows);
  } else allowed = direct || identityAllows;
  return allowed ? "Allowed" : "ImplicitlyDenied";
}
