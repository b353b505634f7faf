import type { ProfileCatalog } from "../../../app/credentials/list-profiles.js";
import { redact } from "../../../redact.js";
import { credentialsCell } from "../../format/credentials-cell.js";
import { columnWidth, formatRows } from "../../format/format-table.js";
import type { Style } from "../../format/style.js";

/** The table's header. */
export const tableHeader = ["PROFILE", "REGION", "CREDENTIALS"] as const;

/** What `list` prints instead of a table when there is no profile. */
export const noProfilesLine = "no profiles: the shared config and credentials files define none\n";

/** What follows the credentials of a profile with a key in the store (nothing without one). */
export function storedKeySuffix(keyId: string | undefined): string {
  return keyId === undefined ? "" : ` [stored key ${redact(keyId)}]`;
}

/**
 * `awsafe list`'s table straight from the files, when it is not cached (`AWSAFE_LIST_CACHE=off`).
 * Every profile is planned as its line is laid out, and its plan dropped: the column widths come
 * from names and regions alone, read first.
 */
export function profileTable(
  catalog: ProfileCatalog,
  style: Style,
  keyIds: ReadonlyMap<string, string>,
): string {
  const { names } = catalog;
  if (names.length === 0) return noProfilesLine;
  const regions = names.map((name) => catalog.regionOf(name) ?? "-");
  const widths = [columnWidth(tableHeader[0], names), columnWidth(tableHeader[1], regions)];
  return formatRows(tableHeader, widths, profileRows(catalog, regions, style, keyIds));
}

function* profileRows(
  catalog: ProfileCatalog,
  regions: readonly string[],
  style: Style,
  keyIds: ReadonlyMap<string, string>,
): Generator<readonly string[]> {
  for (let index = 0; index < catalog.names.length; index++) {
    const name = catalog.names[index] ?? "";
    const { summary } = catalog.listingOf(name);
    const stored = storedKeySuffix(keyIds.get(name));
    yield [summary.profile, regions[index] ?? "-", credentialsCell(summary, style) + stored];
  }
}
