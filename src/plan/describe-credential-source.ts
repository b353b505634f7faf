import type { CredentialPlan, SourceStep } from "./credential-plan.js";

/**
 * A short phrase for where a plan's credentials come from, for one line of `awsafe list`:
 * "stored keys with MFA", "SSO", "role arn:aws:iam::111122223333:role/Admin via base".
 */
export function describeCredentialSource(plan: CredentialPlan): string {
  return describeWith(plan, lastRoleArn(plan), usesMfa(plan));
}

/**
 * {@link describeCredentialSource} given the plan's {@link lastRoleArn} and {@link usesMfa},
 * for a caller that has them already.
 */
export function describeWith(
  plan: CredentialPlan,
  roleArn: string | undefined,
  mfa: boolean,
): string {
  const [source] = plan.steps;
  const withMfa = mfa ? " with MFA" : "";
  if (roleArn === undefined) return sourcePhrase(source) + withMfa;
  const via = source.profile === plan.profile ? sourcePhrase(source) : source.profile;
  return `role ${roleArn} via ${via}${withMfa}`;
}

/** Whether any step of the plan sends an MFA code. */
export function usesMfa(plan: CredentialPlan): boolean {
  for (const step of plan.steps) if ("mfaSerial" in step) return true;
  return false;
}

/** The role the plan ends in, if it assumes one (web identity counts). */
export function lastRoleArn(plan: CredentialPlan): string | undefined {
  const { steps } = plan;
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index];
    if (step?.kind === "assumeRole" || step?.kind === "webIdentity") return step.roleArn;
  }
  return undefined;
}

/** A phrase for a source step alone. */
export function sourcePhrase(source: SourceStep): string {
  switch (source.kind) {
    case "staticKeys":
      return source.temporary ? "temporary keys in plain text" : "static keys in plain text";
    case "storedKeys":
      return "keys in the secret store";
    case "sso":
      return `SSO ${source.roleName} in ${source.accountId}`;
    case "ssoToken":
      return `SSO token of session ${source.session}, no role`;
    case "webIdentity":
      return "web identity";
    case "process":
      return "process";
    case "credentialSource":
      return source.source;
  }
}
