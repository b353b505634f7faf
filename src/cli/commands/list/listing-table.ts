import type { ProfileCatalog } from "../../../app/credentials/list-profiles.js";
import type { ProfileSummary } from "../../../plan/summarize-profiles.js";
import { credentialsCell, type CredentialsCellSource } from "../../format/credentials-cell.js";
import { columnWidth, formatRow } from "../../format/format-table.js";
import { formatWarnings } from "../../format/format-warnings.js";
import { plain, type Style } from "../../format/style.js";
import { noProfilesLine, storedKeySuffix, tableHeader } from "./profile-table.js";

/**
 * `awsafe list`'s output as made from the shared files and the set of profiles with stored keys,
 * and nothing else, so that it can be cached: the table as printed without colours or stored
 * keys, and each line that may print otherwise, with what it is made of. {@link
 * renderListingTable} adds what is known only at run time.
 */
export interface ListingTable {
  /** The table (or the no-profiles line) without colours and without stored keys, in UTF-8. */
  readonly text: Buffer;
  /** The widths of the PROFILE and REGION columns. */
  readonly widths: readonly number[];
  /** In order: the rows whose credentials have a colour, and those of profiles with stored keys. */
  readonly rows: readonly VariableRow[];
  /** The warnings' lines for stderr. */
  readonly warnings: string;
}

/** A line of {@link ListingTable.text} that colours or a stored key change. */
export interface VariableRow {
  /** Where the line is in the text, in bytes (`end` is at its newline). */
  readonly start: number;
  readonly end: number;
  readonly name: string;
  /** As printed: `-` for none. */
  readonly region: string;
  readonly cell: CredentialsCellSource;
}

/**
 * Plans every profile of `catalog` and lays out its table; `storedKeyProfiles` are the profiles
 * whose rows get a stored key's ID at run time.
 */
export function tabulateProfiles(
  catalog: ProfileCatalog,
  storedKeyProfiles: ReadonlySet<string>,
): ListingTable {
  const { names } = catalog;
  const warnings = formatWarnings(catalog.warnings);
  if (names.length === 0) {
    return { text: Buffer.from(noProfilesLine, "utf8"), widths: [], rows: [], warnings };
  }
  const regions = names.map((name) => catalog.regionOf(name) ?? "-");
  const widths = [columnWidth(tableHeader[0], names), columnWidth(tableHeader[1], regions)];
  const lines = [formatRow(tableHeader, widths)];
  const rows: VariableRow[] = [];
  let offset = Buffer.byteLength(lines[0] ?? "") + 1;
  for (let index = 0; index < names.length; index++) {
    const name = names[index] ?? "";
    const region = regions[index] ?? "-";
    const cell = cellSource(catalog.listingOf(name).summary);
    const line = formatRow([name, region, credentialsCell(cell)], widths);
    const length = Buffer.byteLength(line);
    if (cell.status !== "ok" || storedKeyProfiles.has(name)) {
      rows.push({ start: offset, end: offset + length, name, region, cell });
    }
    lines.push(line);
    offset += length + 1;
  }
  return { text: Buffer.from(`${lines.join("\n")}\n`, "utf8"), widths, rows, warnings };
}

/**
 * What `awsafe list` prints on stdout, as UTF-8: `table` with colours in `style` and the stored
 * keys' IDs. Only the lines they change are made again; the rest are the table's own bytes.
 */
export function renderListingTable(
  table: ListingTable,
  style: Style,
  keyIds: ReadonlyMap<string, string>,
): Buffer {
  const parts: Buffer[] = [];
  let done = 0;
  for (const row of table.rows) {
    const keyId = keyIds.get(row.name);
    if (keyId === undefined && (style === plain || row.cell.status === "ok")) continue;
    const cell = credentialsCell(row.cell, style) + storedKeySuffix(keyId);
    const line = formatRow([row.name, row.region, cell], table.widths);
    parts.push(table.text.subarray(done, row.start), Buffer.from(line, "utf8"));
    done = row.end;
  }
  if (parts.length === 0) return table.text;
  parts.push(table.text.subarray(done));
  return Buffer.concat(parts);
}

/** The summary without its plan, which the table does not show and the cache does not keep. */
function cellSource(summary: ProfileSummary): CredentialsCellSource {
  switch (summary.status) {
    case "ok":
      return { status: "ok", description: summary.description };
    case "none":
      return { status: "none" };
    case "error":
      return { status: "error", error: summary.error };
  }
}
