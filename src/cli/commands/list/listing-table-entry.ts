import type { CredentialsCellSource } from "../../format/credentials-cell.js";
import type { ListingTable, VariableRow } from "./listing-table.js";

/**
 * `table` as a cache entry, in two parts: one line of JSON (the text's length, the widths, the
 * variable rows, the warnings), then the text as it is, which a cached run prints unparsed.
 */
export function encodeListingTable(table: ListingTable): readonly Buffer[] {
  const rows = table.rows.map(({ start, end, name, region, cell }) => [
    start,
    end,
    name,
    region,
    cell.status,
    cell.status === "ok" ? cell.description : cell.status === "error" ? cell.error : "",
  ]);
  const { text, widths, warnings } = table;
  const head = JSON.stringify({ length: text.length, widths, rows, warnings });
  // Two parts, not one: the text is not copied.
  return [Buffer.from(`${head}\n`, "utf8"), text];
}

/**
 * The table of an entry {@link encodeListingTable} made, or `undefined` for anything else: an
 * entry that does not hold together is not used (and is written again).
 */
export function decodeListingTable(entry: Buffer): ListingTable | undefined {
  const newline = entry.indexOf(lineFeed);
  if (newline < 0) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(entry.toString("utf8", 0, newline));
  } catch {
    return undefined;
  }
  if (typeof head !== "object" || head === null) return undefined;
  if (!("length" in head && "widths" in head && "rows" in head && "warnings" in head)) {
    return undefined;
  }
  const { length, widths, rows, warnings } = head;
  const text = entry.subarray(newline + 1);
  // A file cut short at a line's end would otherwise read as a shorter table.
  if (length !== text.length || text.at(-1) !== lineFeed) return undefined;
  if (!isWidths(widths) || typeof warnings !== "string" || !Array.isArray(rows)) return undefined;
  if (rows.length > 0 && widths.length === 0) return undefined;
  const decoded: VariableRow[] = [];
  let done = 0;
  const items: readonly unknown[] = rows;
  for (const row of items) {
    const found = decodeRow(row, text, done);
    if (found === undefined) return undefined;
    decoded.push(found);
    done = found.end + 1;
  }
  return { text, widths, rows: decoded, warnings };
}

function isWidths(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    (value.length === 0 || value.length === 2) &&
    value.every((width) => typeof width === "number" && Number.isSafeInteger(width) && width >= 0)
  );
}

const lineFeed = 0x0a;

/** A row whose line starts at or after `from` and is a whole line of `text`. */
function decodeRow(row: unknown, text: Buffer, from: number): VariableRow | undefined {
  if (!Array.isArray(row) || row.length !== 6) return undefined;
  const fields: readonly unknown[] = row;
  const [start, end, name, region, status, detail] = fields;
  if (typeof start !== "number" || typeof end !== "number") return undefined;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return undefined;
  if (start < from || end < start || text[end] !== lineFeed || text[start - 1] !== lineFeed) {
    return undefined;
  }
  if (typeof name !== "string" || typeof region !== "string") return undefined;
  if (typeof detail !== "string") return undefined;
  const cell = cellOf(status, detail);
  return cell === undefined ? undefined : { start, end, name, region, cell };
}

function cellOf(status: unknown, detail: string): CredentialsCellSource | undefined {
  switch (status) {
    case "ok":
      return { status: "ok", description: detail };
    case "none":
      return { status: "none" };
    case "error":
      return { status: "error", error: detail };
    default:
      return undefined;
  }
}
