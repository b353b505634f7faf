import { checkProfileName, checkProfileValues } from "../../config/check-profile-values.js";
import { locateSharedConfig } from "../../config/locate-shared-config.js";
import { setProfileProperties } from "../../config/edit/set-profile-properties.js";
import { AppError } from "../../errors.js";
import { planCredentials } from "../../plan/plan-credentials.js";
import type { AppContext } from "../app-context.js";
import { loadSharedConfig } from "../load-shared-config.js";
import { routeThroughAwsafe } from "./route-through-awsafe.js";

/** What `configure` changed, and whether the profile can be used as it now stands. */
export interface ConfigureResult {
  readonly changedFiles: readonly string[];
  /** Why the profile cannot be planned yet (for example its source profile is still missing). */
  readonly problem: string | undefined;
}

/**
 * Writes `values` (shared-file keys such as `role_arn`), given on the command line, into the
 * profile the way `aws configure set` does, keeping every other line of both files. In a profile routed through
 * awsafe's own `credential_process`, role and SSO settings are written as `awsafe_<key>` (see
 * {@link routeThroughAwsafe}). `storedKeyProfiles` (the profiles with keys in the store, when it
 * could be read) count as sources when checking that the profile can be used.
 */
export async function configureProfile(
  context: AppContext,
  profile: string,
  values: Readonly<Record<string, string>>,
  storedKeyProfiles?: ReadonlySet<string>,
): Promise<ConfigureResult> {
  checkProfileName(profile);
  checkProfileValues(profile, values);
  // A malformed file is reported before anything is written to it.
  const before = await loadSharedConfig(context);
  const existing = before.data.profiles.get(profile);
  const edit = routeThroughAwsafe(profile, values, existing);
  const paths = locateSharedConfig(context.env, context.platform);
  const { changedFiles } = await setProfileProperties(
    { configFile: paths.configFile, credentialsFile: paths.credentialsFile },
    profile,
    edit.set,
    edit.remove,
    context.checkpoint,
  );
  const after = await loadSharedConfig(context);
  try {
    planCredentials(
      after.data,
      profile,
      storedKeyProfiles === undefined ? {} : { storedKeyProfiles },
    );
    return { changedFiles, problem: undefined };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { changedFiles, problem: error.message };
  }
}
