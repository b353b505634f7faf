import { listProfiles, type ProfileListing } from "../../../app/credentials/list-profiles.js";
import { redact } from "../../../redact.js";
import type { StoreView } from "../../../runtime/inspect-store.js";
import type { CliIo } from "../../io.js";
import { planToJson } from "../../format/plan-to-json.js";
import { storeViewToJson } from "../../format/store-view.js";

/**
 * `awsafe list --json`: every profile with its plan, where it is written and its stored key.
 * Not cached: it shows each profile's whole plan and locations, which the table's cache does not
 * keep, and scripts run it far less often than people run the table.
 */
export async function listJson(
  io: CliIo,
  store: StoreView,
  keyIds: ReadonlyMap<string, string>,
): Promise<string> {
  const { profiles, warnings } = await listProfiles(io, keyIds);
  const json = { profiles: profiles.map(listingToJson), store: storeViewToJson(store), warnings };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function listingToJson({ summary, region, locations, storedKeyId }: ProfileListing): unknown {
  const storedKey = storedKeyId === undefined ? null : redact(storedKeyId);
  const base = { name: summary.profile, region: region ?? null, locations, storedKey };
  if (summary.status === "error") {
    return { ...base, status: "error", error: summary.error, hint: summary.hint ?? null };
  }
  if (summary.status === "none") return { ...base, status: "none" };
  return {
    ...base,
    status: "ok",
    description: summary.description,
    mfa: summary.mfa,
    plainTextKeys: summary.plainTextKeys,
    steps: planToJson(summary.plan),
  };
}
