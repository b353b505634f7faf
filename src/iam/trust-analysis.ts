import { type IamUserCaller, type MfaState, userRequestContext } from "./caller-context.js";
import { evaluateRequest, type Decision } from "./evaluate-request.js";
import { actionElementMatches } from "./match-action.js";
import type { PolicyDocument } from "./policy-document.js";

/** What a role's trust policy lets in without MFA. */
export type TrustVerdict =
  /** Only AWS services or federated identities (SAML, OIDC) are trusted: MFA is theirs to ask. */
  | { readonly kind: "not-iam" }
  | { readonly kind: "requires-mfa" }
  | {
      readonly kind: "without-mfa";
      /** The principals (as the policy names them) that get in without MFA. */
      readonly who: readonly string[];
      /** `Principal: "*"`: anyone, in any account. */
      readonly anyone: boolean;
      /** Long-term keys get in but MFA-less sessions do not: a `BoolIfExists ... true` test. */
      readonly weak: boolean;
    }
  /** Without MFA only with the external ID the policy asks for: a third party's role. */
  | { readonly kind: "external-id"; readonly who: readonly string[] }
  | { readonly kind: "not-evaluated"; readonly reasons: readonly string[] };

const allowAll: PolicyDocument = {
  version: "2012-10-17",
  statements: [
    {
      sid: undefined,
      effect: "Allow",
      action: { negated: false, patterns: ["*"] },
      resource: { negated: false, patterns: ["*"] },
      principal: undefined,
      conditions: [],
    },
  ],
};

/**
 * Who can assume `roleArn` without MFA. Each IAM principal the trust policy names (an account,
 * a user, a role, `*`) is tried as the worst case of itself (with identity policies that allow
 * everything), with long-term keys and with a session made without MFA; one that gets in is a
 * finding. Policies that only trust services or federated identities are not about IAM users.
 */
export function analyzeTrust(trust: PolicyDocument, roleArn: string, now: Date): TrustVerdict {
  const entries = trustedAwsPrincipals(trust);
  if (entries.length === 0) return { kind: "not-iam" };
  const roleAccount = /^arn:[^:]*:iam::(\d{12}):/.exec(roleArn)?.[1] ?? "";
  const externalIds = trust.statements.flatMap((statement) =>
    statement.conditions
      .filter((c) => c.key.toLowerCase() === "sts:externalid")
      .flatMap((c) => c.values),
  );
  const who: string[] = [];
  const thirdParty: string[] = [];
  const reasons: string[] = [];
  let weak = false;
  for (const entry of entries) {
    const caller = hypotheticalCaller(entry, roleAccount);
    if (caller === undefined) continue;
    const tryState = (state: MfaState, externalId?: string) => {
      const decision = assume(trust, roleArn, roleAccount, caller, state, now, externalId);
      if (decision.result === "NotEvaluated") reasons.push(...decision.reasons);
      return decision.result === "Allowed";
    };
    const keys = caller.isUser && tryState("long-term-keys");
    const session = tryState("session-without-mfa");
    if (keys || session) {
      who.push(entry);
      if (keys && !session) weak = true;
    } else if (
      externalIds.some(
        (id) =>
          (caller.isUser && tryState("long-term-keys", id)) || tryState("session-without-mfa", id),
      )
    ) {
      thirdParty.push(entry);
    }
  }
  if (who.length > 0) return { kind: "without-mfa", who, anyone: who.includes("*"), weak };
  if (reasons.length > 0) return { kind: "not-evaluated", reasons: [...new Set(reasons)] };
  // The worst case of each principal may miss one that other conditions let in (an ArnEquals on
  // aws:PrincipalArn naming a CI role): a statement that never tests MFA is a finding too.
  const untested = statementsWithoutMfaTest(trust);
  if (untested.length > 0 && thirdParty.length === 0) {
    return { kind: "without-mfa", who: untested, anyone: untested.includes("*"), weak: false };
  }
  if (thirdParty.length > 0) return { kind: "external-id", who: thirdParty };
  return { kind: "requires-mfa" };
}

/** The IAM principals of Allow statements for `sts:AssumeRole` whose conditions never test MFA. */
function statementsWithoutMfaTest(trust: PolicyDocument): string[] {
  const found: string[] = [];
  for (const statement of trust.statements) {
    if (statement.effect !== "Allow" || statement.principal === undefined) continue;
    if (!actionElementMatches(statement.action, "sts:AssumeRole")) continue;
    const keys = statement.conditions.map((c) => c.key.toLowerCase());
    if (keys.includes("aws:multifactorauthpresent") || keys.includes("aws:multifactorauthage")) {
      continue;
    }
    const { value, negated } = statement.principal;
    if (value === "*" || negated) found.push("*");
    else found.push(...(value.AWS ?? []));
  }
  return [...new Set(found)];
}

/** The `Principal.AWS` entries of the Allow statements that cover `sts:AssumeRole`. */
function trustedAwsPrincipals(trust: PolicyDocument): string[] {
  const found: string[] = [];
  for (const statement of trust.statements) {
    if (statement.effect !== "Allow" || statement.principal === undefined) continue;
    if (!actionElementMatches(statement.action, "sts:AssumeRole")) continue;
    const { value, negated } = statement.principal;
    // NotPrincipal in an Allow trusts (nearly) everyone.
    if (value === "*" || negated) found.push("*");
    else found.push(...(value.AWS ?? []));
  }
  return [...new Set(found)];
}

interface Hypothetical extends IamUserCaller {
  readonly isUser: boolean;
}

function hypotheticalCaller(entry: string, roleAccount: string): Hypothetical | undefined {
  const user = (account: string, name: string): Hypothetical => ({
    arn: `arn:aws:iam::${account}:user/${name}`,
    userName: name,
    userId: "AIDAHYPOTHETICAL0000",
    isUser: true,
  });
  if (/^\*+$/.test(entry))
    return user(roleAccount === "999999999999" ? "888888888888" : "999999999999", "anyone");
  const account = /^\d{12}$/.test(entry)
    ? entry
    : /^arn:[^:]*:iam::(\d{12}):root$/.exec(entry)?.[1];
  if (account !== undefined) return user(account, "any-user");
  const named = /^arn:([^:]*):iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(entry);
  if (named !== null) return { ...user(named[2] ?? "", named[3] ?? ""), arn: entry };
  const role = /^arn:([^:]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(entry);
  if (role !== null) {
    return {
      arn: `arn:${role[1] ?? "aws"}:sts::${role[2] ?? ""}:assumed-role/${role[3] ?? ""}/session`,
      userName: "",
      userId: "AROAHYPOTHETICAL0000:session",
      isUser: false,
    };
  }
  return undefined;
}

function assume(
  trust: PolicyDocument,
  roleArn: string,
  roleAccount: string,
  caller: Hypothetical,
  state: MfaState,
  now: Date,
  externalId: string | undefined,
): Decision {
  const context = userRequestContext(
    caller,
    state,
    now,
    externalId === undefined ? {} : { "sts:ExternalId": externalId },
  );
  return evaluateRequest(
    { identity: [allowAll], resource: trust },
    {
      principal: caller.arn,
      action: "sts:AssumeRole",
      resource: roleArn,
      resourceAccount: roleAccount,
      context,
    },
  );
}
