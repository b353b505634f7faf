import { stringProperty } from "../../config/config-data.js";
import type { ConfigWarning } from "../../config/config-warning.js";
import type { ProfileLocation } from "../../config/parse-shared-config.js";
import type { PlanFacts } from "../../plan/plan-credentials.js";
import { knownProfiles } from "../../plan/profile-names.js";
import {
  createSummarizer,
  summarizeProfiles,
  type ProfileSummary,
} from "../../plan/summarize-profiles.js";
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
 * The profiles {@link listProfiles} lists, each listing made only when asked for: a caller that
 * prints one and drops it keeps no plan of the other 9,999 (`awsafe list` of a large file).
 */
export interface ProfileCatalog {
  /** Every profile of the shared files and the store, sorted. */
  readonly names: readonly string[];
  /** A profile's `region`, without planning it. */
  readonly regionOf: (name: string) => string | undefined;
  /** A profile's listing: its plan or its problem. */
  readonly listingOf: (name: string) => ProfileListing;
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Every profile of the shared files and the store, sorted by name, each with its plan or its
 * problem. `storedKeyIds` (profile → access key ID) are the keys the secret store holds; their
 * profiles plan as stored keys; each with the places it is written.
 */
export async function listProfiles(
  context: AppContext,
  storedKeyIds: ReadonlyMap<string, string> = new Map(),
): Promise<{ profiles: ProfileListing[]; warnings: readonly ConfigWarning[] }> {
  const catalog = await openProfileCatalog(context, storedKeyIds, { locate: true });
  return { profiles: catalog.names.map(catalog.listingOf), warnings: catalog.warnings };
}

/**
 * {@link listProfiles} one profile at a time: see {@link ProfileCatalog}. Where each profile is
 * written is found only with `locate` (otherwise `locations` are empty).
 */
export async function openProfileCatalog(
  context: AppContext,
  storedKeyIds: ReadonlyMap<string, string>,
  { locate }: { readonly locate: boolean },
): Promise<ProfileCatalog> {
  const shared = await loadSharedConfig(context, { locate });
  const facts = { storedKeyProfiles: new Set(storedKeyIds.keys()) };
  return catalogOf(shared, facts, storedKeyIds);
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
  const catalog = catalogOf(shared, { storedKeyProfiles: new Set(bare) }, new Map());
  return catalog.names.map(catalog.listingOf);
}

function catalogOf(
  shared: LoadedSharedConfig,
  facts: PlanFacts,
  storedKeyIds: ReadonlyMap<string, string>,
): ProfileCatalog {
  const { profiles } = shared.data;
  const summarize = createSummarizer(shared.data, facts);
  const regionOf = (name: string): string | undefined => {
    const properties = profiles.get(name);
    return properties === undefined ? undefined : stringProperty(properties, "region");
  };
  return {
    names: knownProfiles(shared.data, facts.storedKeyProfiles ?? new Set()),
    regionOf,
    listingOf: (name): ProfileListing => ({
      summary: summarize(name),
      region: regionOf(name),
      locations: shared.locations?.get(name) ?? [],
      storedKeyId: storedKeyIds.get(name),
    }),
    warnings: shared.warnings,
  };
}
