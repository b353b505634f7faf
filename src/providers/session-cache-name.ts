import type { CredentialPlan, PlanStep } from "../plan/credential-plan.js";

/**
 * The store name a session made by `plan.steps[index]` is cached under: the source (kind and
 * profile) and every step up to it, so it names the source profile, the MFA device and the
 * roles, e.g. `stored:alice > session mfa=arn:aws:iam::1:mfa/alice > role=arn:aws:iam::2:role/Admin`.
 * Two profiles that reach the same role the same way share the entry. It holds no secret.
 */
export function sessionCacheName(plan: CredentialPlan, index: number): string {
  return plan.steps
    .slice(0, index + 1)
    .map(sessionStepName)
    .join(" > ");
}

/** How one step appears in a session cache name (the segments between ` > `). */
export function sessionStepName(step: PlanStep): string {
  switch (step.kind) {
    case "storedKeys":
      return `stored:${step.profile}`;
    case "staticKeys":
      return `keys:${step.profile}`;
    case "process":
      return `process:${step.profile}`;
    case "credentialSource":
      return `${step.source}:${step.profile}`;
    case "webIdentity":
      return `web-identity:${step.profile}`;
    // By sign-in, account and role, not by profile: every profile of one role shares it, and
    // `sso logout` finds every session of its sign-in by the prefix (see ssoSessionPrefix).
    case "sso":
      return `${ssoSessionPrefix(step.session ?? step.startUrl)}account=${step.accountId} role=${step.roleName}`;
    case "ssoToken":
      return `sso:${step.session}`;
    case "sessionToken":
      return step.mfaSerial === undefined ? "session" : `session mfa=${step.mfaSerial}`;
    case "assumeRole":
      return [
        `role=${step.roleArn}`,
        step.externalId === undefined ? "" : ` external-id=${step.externalId}`,
        step.roleSessionName === undefined ? "" : ` session-name=${step.roleSessionName}`,
        step.tags === undefined
          ? ""
          : ` tags=${step.tags.map((tag) => `${tag.key}=${tag.value}`).join(",")}`,
        step.transitiveTagKeys === undefined
          ? ""
          : ` transitive=${step.transitiveTagKeys.join(",")}`,
        step.sourceIdentity === undefined ? "" : ` source-identity=${step.sourceIdentity}`,
        step.mfaSerial === undefined ? "" : ` mfa=${step.mfaSerial}`,
      ].join("");
  }
}

/** The start of the cache names of every role session made with the sign-in `key` (sso-session or start URL). */
export function ssoSessionPrefix(key: string): string {
  return `sso:${key} `;
}
