import type { ConfigData } from "../../config/config-data.js";
import { ConfigError } from "../../errors.js";
import type { CredentialPlan } from "../../plan/credential-plan.js";
import { createPlanner } from "../../plan/plan-credentials.js";
import { adjustPlan } from "../../providers/adjust-plan.js";

/**
 * How a profile's credentials reach the console (SPECS §e, SPECS-2 §B.6):
 * - `role`: AssumeRole is the last step; `chained` when AWS counts it as role chaining (assumed
 *   from an MFA session or other temporary credentials), which refuses SessionDuration;
 * - `role-credentials`: IAM Identity Center or web-identity role credentials, not chained;
 * - `user`: the IAM user's own long-term keys (`keysProfile`), which must become a
 *   GetFederationToken session first;
 * - `external`: credentials another tool hands over (`credential_process`, the environment,
 *   temporary keys in the files), whose kind only AWS can tell.
 */
export type ConsoleRoute =
  | { readonly kind: "role"; readonly chained: boolean }
  | { readonly kind: "role-credentials" }
  | { readonly kind: "user"; readonly keysProfile: string }
  | { readonly kind: "external"; readonly what: string };

/**
 * The route of `plan` once `--duration` is applied (a role asked for more than an hour is then
 * assumed straight from the keys with MFA, so it is no longer chained).
 *
 * @throws ConfigError for an SSO-token-only profile (no account and role, so no credentials).
 */
export function consoleRoute(plan: CredentialPlan, durationSeconds?: number): ConsoleRoute {
  const adjusted = adjustPlan(plan, { durationSeconds });
  const last = adjusted.steps.at(-1);
  const [source] = adjusted.steps;
  switch (last?.kind) {
    case "assumeRole":
      return { kind: "role", chained: last.chained };
    case "sso":
    case "webIdentity":
      return { kind: "role-credentials" };
    case "sessionToken":
      return { kind: "user", keysProfile: last.profile };
    case "storedKeys":
      return { kind: "user", keysProfile: last.profile };
    case "staticKeys":
      return last.temporary
        ? { kind: "external", what: `the temporary keys of profile "${last.profile}"` }
        : { kind: "user", keysProfile: last.profile };
    case "process":
      return { kind: "external", what: `the credential_process of profile "${last.profile}"` };
    case "credentialSource":
      return {
        kind: "external",
        what: `credential_source = ${last.source} of profile "${last.profile}"`,
      };
    case "ssoToken":
      throw new ConfigError(
        `Profile "${plan.profile}" names an sso_session but no account and role, so it has no credentials to open the console with`,
        {
          hint: `Set sso_account_id and sso_role_name in profile "${plan.profile}", or log in with a profile that names a role`,
        },
      );
    case undefined:
      throw new ConfigError(`Profile "${source.profile}" has no credential steps`);
  }
}

/**
 * The profiles that assume a role with the keys of `keysProfile`: what to log in with instead of
 * the IAM user itself. Profiles that cannot be planned are left out.
 */
export function roleProfilesUsing(
  config: ConfigData,
  storedKeyProfiles: ReadonlySet<string>,
  keysProfile: string,
): string[] {
  const plan = createPlanner(config, { storedKeyProfiles });
  return [...config.profiles.keys()]
    .filter((name) => {
      try {
        const steps = plan(name).steps;
        return steps[0].profile === keysProfile && steps.at(-1)?.kind === "assumeRole";
      } catch {
        return false;
      }
    })
    .sort();
}
