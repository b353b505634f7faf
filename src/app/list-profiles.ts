import { stringProperty } from "../config/config-data.js";
import type { ConfigWarning } from "../config/config-warning.js";
import type { ProfileLocation } from "../config/parse-shared-config.js";
import { summarizeProfiles, type ProfileSummary } from "../plan/summarize-profiles.js";
import type { AppContext } from "./app-context.js";
import { loadSharedConfig } from "./load-shared-config.js";

/** One profile as `awsafe list` shows it. */
export interface ProfileListing {
  readonly summary: ProfileSummary;
  readonly region: string | undefined;
  readonly locations: readonly ProfileLocation[];
}

/** Every profile of the shared files, sorted by name, each with its plan or its problem. */
export async function listProfiles(
  context: AppContext,
): Promise<{ profiles: ProfileListing[]; warnings: readonly ConfigWarning[] }> {
  const shared = await loadSharedConfig(context, { locate: true });
  const profiles = summarizeProfiles(shared.data).map((summary): ProfileListing => {
    const properties = shared.data.profiles[summary.profile];
    return {
      summary,
      region: properties === undefined ? undefined : stringProperty(properties, "region"),
      locations: shared.locations?.[summary.profile] ?? [],
    };
  });
  return { profiles, warnings: shared.warnings };
}
