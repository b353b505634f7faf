import type { ProfileCatalog } from "../../../app/credentials/list-profiles.js";
import type { StoreView } from "../../../runtime/inspect-store.js";
import { openListingCache } from "../../../runtime/listing-cache.js";
import { storeViewNote } from "../../format/store-view.js";
import { styleFor } from "../../format/style.js";
import type { CliIo } from "../../io.js";
import { decodeListingTable, encodeListingTable } from "./listing-table-entry.js";
import { renderListingTable, tabulateProfiles } from "./listing-table.js";

/**
 * `awsafe list`'s table on stdout, and on stderr why stored keys are not shown and the files'
 * warnings. The table comes from the cache while the shared files and the stored keys' profiles
 * are as they were (runtime/listing-cache.ts), without reading, parsing or planning the files;
 * otherwise it is made, printed, and cached (with the cache off, made and printed alike).
 */
export async function printProfileTable(io: CliIo, store: StoreView): Promise<void> {
  const keyIds = store.status === "open" ? store.keyIds : new Map<string, string>();
  const style = styleFor(io.stdout, io.env);
  const cache = openListingCache(io, new Set(keyIds.keys()));
  const cached = cache?.entry === undefined ? undefined : decodeListingTable(cache.entry);
  if (cached !== undefined) {
    print(io, store, renderListingTable(cached, style, keyIds), cached.warnings);
    return;
  }
  const table = tabulateProfiles(await openCatalog(io, keyIds), new Set(keyIds.keys()));
  print(io, store, renderListingTable(table, style, keyIds), table.warnings);
  cache?.save(encodeListingTable(table));
}

// The parser and the planner are loaded only when the table is not cached.
async function openCatalog(
  io: CliIo,
  keyIds: ReadonlyMap<string, string>,
): Promise<ProfileCatalog> {
  const { openProfileCatalog } = await import("../../../app/credentials/list-profiles.js");
  // The table does not show where profiles are written, so they are not located.
  return openProfileCatalog(io, keyIds, { locate: false });
}

function print(io: CliIo, store: StoreView, table: string | Buffer, warnings: string): void {
  io.stdout.write(table);
  io.stderr.write(storeViewNote(store, "stored keys not shown"));
  io.stderr.write(warnings);
}
