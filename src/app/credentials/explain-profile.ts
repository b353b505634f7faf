import { selectedProfileName, selectedRegion } from "../../config/locate-shared-config.js";
import type { ProfileLocation } from "../../config/parse-shared-config.js";
import type { ConfigWarning } from "../../config/config-warning.js";
import { stringProperty } from "../../config/config-data.js";
import type { CredentialPlan } from "../../plan/credential-plan.js";
import { planCredentials } from "../../plan/plan-credentials.js";
import type { AppContext } from "../app-context.js";
import { loadSharedConfig } from "../load-shared-config.js";

/** A profile's credential plan and what the user should know about the files behind it. */
export interface ProfileExplanation {
  readonly plan: CredentialPlan;
  /** The region commands will use: environment first, then the profile. */
  readonly region: string | undefined;
  readonly locations: readonly ProfileLocation[];
  /** Constructs in the shared files that other AWS tools read differently. */
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Plans credentials for `name` (or the profile the environment selects) without calling AWS;
 * `storedKeyProfiles` are the profiles with keys in the secret store, when it could be read.
 */
export async function explainProfile(
  context: AppContext,
  name: string | undefined,
  storedKeyProfiles?: ReadonlySet<string>,
): Promise<ProfileExplanation> {
  const shared = await loadSharedConfig(context, { locate: true });
  const profileName = name ?? selectedProfileName(context.env);
  const plan = planCredentials(
    shared.data,
    profileName,
    storedKeyProfiles === undefined ? {} : { storedKeyProfiles },
  );
  const profileProperties = shared.data.profiles.get(profileName);
  return {
    plan,
    region: selectedRegion(
      context.env,
      profileProperties === undefined ? undefined : stringProperty(profileProperties, "region"),
    ),
    locations: shared.locations?.get(profileName) ?? [],
    warnings: shared.warnings,
  };
}
