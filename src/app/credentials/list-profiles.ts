import { stringProperty } from "../../config/config-data.js";
import type { ConfigWarning } from "../../config/config-warning.js";
import type { ProfileLocation } from "../../config/parse-shared-config.js";
import type { PlanFacts } from "../../plan/plan-credentials.js";
import { summarizeProfiles, type ProfileSummary } from "../../plan/summarize-profiles.js";
import type { AppContext } from "../app-context.js";
import { loadSharedConfig, type LoadedSharedConfig } from "../load-shared-config.js";

/** One profile as `awsafe list` shows it. */
export interface ProfileListing {
  readonly summary: ProfileSummary;
  readonly region: string | undefined;
  readonly locations: readonly ProfileLocation[];
  /** The access key ID of the profile's key in the secret store, if it has one. */
  readonly storedKeyId: string | undefined;
}

/**
 * Every profile of the shared files and the store, sorted by name, each with its plan or its
 * problem. `storedKeyIds` (profile → access key ID) are the keys the secret store holds; their
 * profiles plan as stored keys. Where each profile is written is found only with `locate`
 * (otherwise `locations` are empty): the table does not show it.
 */
export async function listProfiles(
  context: AppContext,
  storedKeyIds: ReadonlyMap<string, string> = new Map(),
  { locate = true }: { readonly locate?: boolean } = {},
): Promise<{ profiles: ProfileListing[]; warnings: readonly ConfigWarning[] }> {
  const shared = await loadSharedConfig(context, { locate });
  const facts = { storedKeyProfiles: new Set(storedKeyIds.keys()) };
  return { profiles: listingsOf(shared, facts, storedKeyIds), warnings: shared.warnings };
}

/**
 * Every profile of the shared files, as {@link listProfiles} lists them, without opening the
 * secret store: for the profile picker, which must not ask for a passphrase, unlock a keychain
 * or wait for one. A profile with no credentials in the files is taken to have its keys in the
 * store, as awsafe's own profiles do, so the roles built on it plan as they will when used
 * (a profile with settings only is then said to have stored keys; using it says otherwise).
 */
export async function listProfilesFromFiles(context: AppContext): Promise<ProfileListing[]> {
  const shared = await loadSharedConfig(context, { locate: true });
  const bare = summarizeProfiles(shared.data)
    .filter((summary) => summary.status === "none")
    .map((summary) => summary.profile);
  return listingsOf(shared, { storedKeyProfiles: new Set(bare) }, new Map());
}

function listingsOf(
  shared: LoadedSharedConfig,
  facts: PlanFacts,
  storedKeyIds: ReadonlyMap<string, string>,
): ProfileListing[] {
  return summarizeProfiles(shared.data, facts).map((summary): ProfileListing => {
    const properties = shared.data.profiles[summary.profile];
    return {
      summary,
      region: properties === undefined ? undefined : stringProperty(properties, "region"),
      locations: shared.locations?.[summary.profile] ?? [],
      storedKeyId: storedKeyIds.get(summary.profile),
    };
  });
}
