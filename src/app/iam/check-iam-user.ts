import type { IamUserCaller, MfaState } from "../../iam/caller-context.js";
import { isAllowed } from "../../iam/evaluate-request.js";
import type { PolicyDocument } from "../../iam/policy-document.js";
import { analyzeTrust } from "../../iam/trust-analysis.js";
import { evaluateProbe, type Probe, userProbes } from "../../iam/user-probes.js";
import { type Finding, finding } from "../doctor/finding.js";
import type { UserPolicy } from "./read-user-policies.js";

/** A role the user's profiles assume, and its trust policy or why it could not be read. */
export interface AssumedRole {
  readonly arn: string;
  /** The profiles that assume it. */
  readonly profiles: readonly string[];
  readonly trust: PolicyDocument | undefined;
  readonly unreadable?: string | undefined;
}

/** What `iam check` evaluates. */
export interface IamUserFacts {
  readonly user: IamUserCaller;
  readonly policies: readonly UserPolicy[];
  readonly roles: readonly AssumedRole[];
  readonly now: Date;
}

const withoutMfa: readonly MfaState[] = ["long-term-keys", "session-without-mfa"];

/**
 * The practice's questions about one IAM user, answered by awsafe's evaluator: without MFA, can
 * it do more than enrol MFA and get a session; can it assume each of its roles without MFA (and
 * with it); does each role's trust require MFA; do wildcard statements (`Principal: *`,
 * `Action: *`, `iam:*`) defeat the rest.
 */
export function checkIamUser(facts: IamUserFacts): Finding[] {
  const documents = facts.policies.map((policy) => policy.document);
  const probes = userProbes(
    facts.user,
    facts.roles.map((role) => ({ arn: role.arn, trust: role.trust })),
  );
  const allowedWithout = (probe: Probe) =>
    withoutMfa.map((state) =>
      isAllowed(evaluateProbe(documents, facts.user, probe, state, facts.now)),
    );
  const findings: Finding[] = [
    withoutMfaFinding(
      facts,
      probes.filter((p) => p.action !== "sts:AssumeRole"),
      allowedWithout,
    ),
  ];
  for (const role of facts.roles) {
    findings.push(
      ...roleFindings(facts, documents, role).map((f) => ({ ...f, subject: role.arn })),
    );
  }
  findings.push(wildcardFinding(facts, probes, allowedWithout));
  return findings;
}

function withoutMfaFinding(
  facts: IamUserFacts,
  probes: readonly Probe[],
  allowedWithout: (probe: Probe) => (boolean | undefined)[],
): Finding {
  const name = `user ${facts.user.userName}`;
  const extra: string[] = [];
  const unknown: string[] = [];
  for (const probe of probes) {
    if (probe.selfService) continue;
    const answers = allowedWithout(probe);
    if (answers.includes(true)) extra.push(probe.label);
    else if (answers.includes(undefined)) unknown.push(probe.label);
  }
  if (extra.length > 0) {
    return finding(
      "user-without-mfa",
      "fail",
      `without MFA, ${name} can also ${extra.join(", ")}`,
      `give it only \`awsafe iam policy assume-only --role-arn ...\` (or force-mfa) and take away the policies that allow more`,
    );
  }
  if (unknown.length > 0) {
    return finding(
      "user-without-mfa",
      "warn",
      `without MFA, ${name} may be able to ${unknown.join(", ")}: its policies use conditions awsafe does not evaluate`,
    );
  }
  return finding(
    "user-without-mfa",
    "ok",
    `without MFA, ${name} can only enrol its MFA device and get a session`,
  );
}

function roleFindings(
  facts: IamUserFacts,
  documents: readonly PolicyDocument[],
  role: AssumedRole,
): Finding[] {
  const profiles = role.profiles.map((p) => `"${p}"`).join(", ");
  if (role.trust === undefined) {
    return [
      finding(
        "role-trust",
        "warn",
        `${role.arn} (profile ${profiles}): trust policy not read (${role.unreadable ?? "unknown reason"})`,
        "run the check with a profile that may call iam:GetRole in that account (see `awsafe iam policy audit-readonly`)",
      ),
    ];
  }
  const [probe] = userProbes(facts.user, [{ arn: role.arn, trust: role.trust }]).filter(
    (p) => p.action === "sts:AssumeRole",
  );
  if (probe === undefined) return [];
  const answer = (state: MfaState) =>
    isAllowed(evaluateProbe(documents, facts.user, probe, state, facts.now));
  const out: Finding[] = [];
  const without = withoutMfa.map(answer);
  if (without.includes(true)) {
    out.push(
      finding(
        "assume-without-mfa",
        "fail",
        `user ${facts.user.userName} can assume ${role.arn} without MFA`,
        `require MFA in its trust policy (\`awsafe iam policy role-trust --account-id ${accountOf(facts.user.arn)}\`) and set mfa_serial on ${profiles}`,
      ),
    );
  } else if (answer("mfa-session") === true) {
    out.push(
      finding(
        "assume-with-mfa",
        "ok",
        `user ${facts.user.userName} can assume ${role.arn} with MFA only`,
      ),
    );
  } else {
    out.push(
      finding(
        "assume-with-mfa",
        answer("mfa-session") === false ? "fail" : "warn",
        `user ${facts.user.userName} cannot be shown to assume ${role.arn} even with MFA: profile ${profiles} would fail`,
        "allow sts:AssumeRole on the role in the user's policy and trust the user's account in the role's",
      ),
    );
  }
  out.push(trustFinding(role.arn, role.trust, facts.now, accountOf(facts.user.arn)));
  return out;
}

/** The question each check of `iam check` answers, for its table. */
export function checkQuestion(finding: Finding): string {
  const role = finding.subject ?? "the role";
  switch (finding.check) {
    case "user-without-mfa":
      return "without MFA, only MFA enrolment and a session?";
    case "assume-without-mfa":
    case "assume-with-mfa":
      return `assume ${role} only with MFA?`;
    case "role-trust":
      return `does the trust of ${role} require MFA?`;
    case "wildcards":
      return "no wildcard that defeats the rest?";
    default:
      return finding.check;
  }
}

/** The verdict on one role's trust policy as a finding (shared with doctor's role check). */
export function trustFinding(
  roleArn: string,
  trust: PolicyDocument,
  now: Date,
  account: string,
): Finding {
  const verdict = analyzeTrust(trust, roleArn, now);
  const fix = `\`awsafe iam policy role-trust --account-id ${account}\` prints a trust policy that requires MFA`;
  switch (verdict.kind) {
    case "requires-mfa":
      return finding("role-trust", "ok", `${roleArn}: its trust policy requires MFA`);
    case "not-iam":
      return finding(
        "role-trust",
        "ok",
        `${roleArn}: trusts only AWS services or federated identities`,
      );
    case "external-id":
      return finding(
        "role-trust",
        "warn",
        `${roleArn}: ${verdict.who.join(", ")} may assume it without MFA with the external ID (a third party's role?)`,
      );
    case "not-evaluated":
      return finding(
        "role-trust",
        "warn",
        `${roleArn}: trust policy not evaluated (${verdict.reasons.join("; ")})`,
      );
    case "without-mfa": {
      const who = verdict.anyone ? "anyone, in any AWS account," : verdict.who.join(", ");
      const weak = verdict.weak
        ? " (a BoolIfExists test lets long-term keys through: use Bool)"
        : "";
      return finding(
        "role-trust",
        "fail",
        `${roleArn}: ${who} may assume it without MFA${weak}`,
        fix,
      );
    }
  }
}

function wildcardFinding(
  facts: IamUserFacts,
  probes: readonly Probe[],
  allowedWithout: (probe: Probe) => (boolean | undefined)[],
): Finding {
  const broad: string[] = [];
  for (const policy of facts.policies) {
    for (const statement of policy.document.statements) {
      if (statement.effect !== "Allow") continue;
      const wide = statement.action.negated
        ? "NotAction"
        : statement.action.patterns.find((p) => /^\*+$/.test(p) || /^iam:\*+$/i.test(p));
      if (wide !== undefined)
        broad.push(
          `${wide === "NotAction" ? "Allow with NotAction" : `Action ${wide}`} in ${policy.source}`,
        );
    }
  }
  for (const role of facts.roles) {
    const open = role.trust?.statements.some(
      (s) =>
        s.effect === "Allow" &&
        (s.principal?.value === "*" || s.principal?.value.AWS?.includes("*") === true),
    );
    if (open === true) broad.push(`Principal * in the trust policy of ${role.arn}`);
  }
  if (broad.length === 0)
    return finding("wildcards", "ok", "no wildcard statement (Principal *, Action *, iam:*)");
  const effective = probes.some(
    (probe) =>
      !probe.selfService &&
      probe.action !== "sts:AssumeRole" &&
      allowedWithout(probe).includes(true),
  );
  return effective
    ? finding(
        "wildcards",
        "fail",
        `${broad.join("; ")}: they apply without MFA`,
        "scope them down, or add the deny without MFA of `awsafe iam policy force-mfa`",
      )
    : finding(
        "wildcards",
        "warn",
        `${broad.join("; ")}: held back without MFA by a deny, but they grant everything with it`,
      );
}

function accountOf(arn: string): string {
  return /^arn:[^:]*:[^:]*::(\d{12}):/.exec(arn)?.[1] ?? "ACCOUNT";
}
