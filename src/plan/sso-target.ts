import type { SsoStep, SsoTokenStep } from "./credential-plan.js";

/** The scopes a sign-in asks for when the sso-session names none (as `aws configure sso` writes). */
export const defaultSsoScopes: readonly string[] = ["sso:account:access"];

/**
 * What an IAM Identity Center sign-in is for: one `[sso-session]`, or the start URL of a legacy
 * profile. Its token is stored under {@link SsoTarget.key}. Holds no secret.
 */
export interface SsoTarget {
  /** The owner name of its stored token and client: the sso-session name, else the start URL. */
  readonly key: string;
  /** The `[sso-session]` name; absent for a legacy profile (its token cannot be refreshed). */
  readonly session: string | undefined;
  readonly startUrl: string;
  readonly region: string;
  /** Registration scopes: the session's `sso_registration_scopes`, else `sso:account:access`; none for legacy. */
  readonly scopes: readonly string[];
  /** The profile it was reached from, for messages. */
  readonly profile: string | undefined;
}

/** The sign-in a plan's SSO step needs. */
export function ssoTargetOf(step: SsoStep | SsoTokenStep): SsoTarget {
  const session = step.kind === "ssoToken" ? step.session : step.session;
  return {
    key: session ?? step.startUrl,
    session,
    startUrl: step.startUrl,
    region: step.region,
    scopes: session === undefined ? [] : (step.registrationScopes ?? defaultSsoScopes),
    profile: step.profile,
  };
}

/** How a target is named to the person: `sso-session "corp"` or the legacy start URL. */
export function describeSsoTarget(target: SsoTarget): string {
  return target.session === undefined
    ? `IAM Identity Center (${target.startUrl})`
    : `sso-session "${target.session}" (${target.startUrl})`;
}

/** The `awsafe sso login` words that sign in to `target` again. */
export function ssoLoginCommand(target: SsoTarget): string {
  if (target.session !== undefined) return `awsafe sso login --sso-session ${target.session}`;
  return target.profile === undefined
    ? "awsafe sso login"
    : `awsafe sso login --profile ${target.profile}`;
}
