import { styleFor, type Style } from "../../format/style.js";
import { listProfiles, type ProfileListing } from "../../../app/credentials/list-profiles.js";
import { ExitCode } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { inspectStore } from "../../../runtime/inspect-store.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialsCell } from "../../format/credentials-cell.js";
import { formatWarnings } from "../../format/format-warnings.js";
import { planToJson } from "../../format/plan-to-json.js";
import { storeViewNote, storeViewToJson } from "../../format/store-view.js";
import type { ListInput } from "./list-command.js";
import { formatTable } from "../../format/format-table.js";

/**
 * `awsafe list [--json] [--backend B]`: every profile, its region, where its credentials come
 * from, and the key ID (redacted) of keys held in the secret store.
 */
export const runList: CommandRun<ListInput> = async (input, io) => {
  const store = await inspectStore(io, input.backend);
  const keyIds = store.status === "open" ? store.keyIds : new Map<string, string>();
  const { profiles, warnings } = await listProfiles(io, keyIds, { locate: input.json });
  if (input.json) {
    const json = { profiles: profiles.map(listingToJson), store: storeViewToJson(store), warnings };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return ExitCode.Ok;
  }
  io.stdout.write(profileTable(profiles, styleFor(io.stdout, io.env)));
  io.stderr.write(storeViewNote(store, "stored keys not shown"));
  io.stderr.write(formatWarnings(warnings));
  return ExitCode.Ok;
};

function profileTable(profiles: readonly ProfileListing[], style: Style): string {
  if (profiles.length === 0)
    return "no profiles: the shared config and credentials files define none\n";
  const rows = profiles.map(({ summary, region, storedKeyId }) => [
    summary.profile,
    region ?? "-",
    credentialsCell(summary, style) +
      (storedKeyId === undefined ? "" : ` [stored key ${redact(storedKeyId)}]`),
  ]);
  return formatTable(["PROFILE", "REGION", "CREDENTIALS"], rows);
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
