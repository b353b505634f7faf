import { styleFor, type Style } from "../../format/style.js";
import {
  listProfiles,
  openProfileCatalog,
  type ProfileCatalog,
  type ProfileListing,
} from "../../../app/credentials/list-profiles.js";
import { ExitCode } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { inspectStore } from "../../../runtime/inspect-store.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialsCell } from "../../format/credentials-cell.js";
import { formatWarnings } from "../../format/format-warnings.js";
import { planToJson } from "../../format/plan-to-json.js";
import { storeViewNote, storeViewToJson } from "../../format/store-view.js";
import type { ListInput } from "./list-command.js";
import { columnWidth, formatRows } from "../../format/format-table.js";

/**
 * `awsafe list [--json] [--backend B]`: every profile, its region, where its credentials come
 * from, and the key ID (redacted) of keys held in the secret store.
 */
export const runList: CommandRun<ListInput> = async (input, io) => {
  const store = await inspectStore(io, input.backend);
  const keyIds = store.status === "open" ? store.keyIds : new Map<string, string>();
  if (input.json) {
    const { profiles, warnings } = await listProfiles(io, keyIds);
    const json = { profiles: profiles.map(listingToJson), store: storeViewToJson(store), warnings };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return ExitCode.Ok;
  }
  // The table does not show where profiles are written, so they are not located.
  const catalog = await openProfileCatalog(io, keyIds, { locate: false });
  io.stdout.write(profileTable(catalog, styleFor(io.stdout, io.env)));
  io.stderr.write(storeViewNote(store, "stored keys not shown"));
  io.stderr.write(formatWarnings(catalog.warnings));
  return ExitCode.Ok;
};

const header = ["PROFILE", "REGION", "CREDENTIALS"] as const;

// Every profile is planned as its line is laid out, and its plan dropped: the column widths
// come from names and regions alone, read first.
function profileTable(catalog: ProfileCatalog, style: Style): string {
  const { names } = catalog;
  if (names.length === 0)
    return "no profiles: the shared config and credentials files define none\n";
  const regions = names.map((name) => catalog.regionOf(name) ?? "-");
  const widths = [columnWidth(header[0], names), columnWidth(header[1], regions)];
  return formatRows(header, widths, profileRows(catalog, regions, style));
}

function* profileRows(
  catalog: ProfileCatalog,
  regions: readonly string[],
  style: Style,
): Generator<readonly string[]> {
  for (let index = 0; index < catalog.names.length; index++) {
    const { summary, storedKeyId } = catalog.listingOf(catalog.names[index] ?? "");
    const stored = storedKeyId === undefined ? "" : ` [stored key ${redact(storedKeyId)}]`;
    yield [summary.profile, regions[index] ?? "-", credentialsCell(summary, style) + stored];
  }
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
