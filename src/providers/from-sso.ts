import { SsoTokenRefusedError } from "../ports/aws/aws-errors.js";
import type { SsoPort } from "../ports/aws/sso.js";
import type { SsoStep, SsoTokenStep } from "../plan/credential-plan.js";
import { incompleteSsoError } from "../plan/plan-errors.js";
import { ssoTargetOf, type SsoTarget } from "../plan/sso-target.js";
import type { CredentialProvider } from "./credential-provider.js";

/** What the SSO provider needs: the portal, and a usable access token on demand. */
export interface SsoProviderDeps {
  readonly sso: SsoPort;
  /**
   * A usable access token for the target (stored, refreshed or signed in to); `refused`: the
   * portal refused the last one, so it must not be handed out again.
   */
  readonly ssoToken: (target: SsoTarget, refused: boolean) => Promise<string>;
}

/**
 * IAM Identity Center role credentials (`GetRoleCredentials` with the user's access token). A
 * token the portal refuses (logged out elsewhere, revoked) is replaced once — refreshed, or
 * signed in to again — before the refusal stands. A profile with an sso-session but no account
 * and role has a token and no credentials: it says what is missing.
 */
export function fromSso(step: SsoStep | SsoTokenStep, deps: SsoProviderDeps): CredentialProvider {
  return async () => {
    if (step.kind === "ssoToken") {
      throw incompleteSsoError(step.profile, ["sso_account_id", "sso_role_name"], true);
    }
    const target = ssoTargetOf(step);
    const role = { accountId: step.accountId, roleName: step.roleName };
    const context = { region: step.region, startUrl: step.startUrl, profile: step.profile };
    const token = await deps.ssoToken(target, false);
    try {
      return await deps.sso.getRoleCredentials(token, role, context);
    } catch (error) {
      if (!(error instanceof SsoTokenRefusedError)) throw error;
      return deps.sso.getRoleCredentials(await deps.ssoToken(target, true), role, context);
    }
  };
}
