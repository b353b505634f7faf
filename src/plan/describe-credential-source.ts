import type {
  AssumeRoleStep,
  CredentialPlan,
  SourceStep,
  WebIdentityStep,
} from "./credential-plan.js";

/**
 * A short phrase for where a plan's credentials come from, for one line of `awsafe list`:
 * "stored keys with MFA", "SSO", "role arn:aws:iam::111122223333:role/Admin via base".
 */
export function describeCredentialSource(plan: CredentialPlan): string {
  const [source] = plan.steps;
  const mfa = usesMfa(plan) ? " with MFA" : "";
  const role = lastRoleArn(plan);
  if (role === undefined) return `${sourcePhrase(source)}${mfa}`;
  const via = source.profile === plan.profile ? sourcePhrase(source) : source.profile;
  return `role ${role} via ${via}${mfa}`;
}

/** Whether any step of the plan sends an MFA code. */
export function usesMfa(plan: CredentialPlan): boolean {
  return plan.steps.some((step) => "mfaSerial" in step);
}

/** The role the plan ends in, if it assumes one (web identity counts). */
export function lastRoleArn(plan: CredentialPlan): string | undefined {
  return plan.steps.findLast(
    (step): step is AssumeRoleStep | WebIdentityStep =>
      step.kind === "assumeRole" || step.kind === "webIdentity",
  )?.roleArn;
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
