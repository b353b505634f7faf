import { listProfiles, type ProfileListing } from "../../app/list-profiles.js";
import { ExitCode } from "../../errors.js";
import type { CommandRun } from "../command-table.js";
import { flag } from "../command-input.js";
import { formatWarnings } from "../format/format-warnings.js";
import { planToJson } from "../format/plan-to-json.js";

/** `awsafe list [--json]`: every profile, its region, and where its credentials come from. */
export const run: CommandRun = async (input, io) => {
  const { profiles, warnings } = await listProfiles(io);
  if (flag(input, "json")) {
    const json = { profiles: profiles.map(listingToJson), warnings };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return ExitCode.Ok;
  }
  io.stdout.write(formatTable(profiles));
  io.stderr.write(formatWarnings(warnings));
  return ExitCode.Ok;
};

function formatTable(profiles: readonly ProfileListing[]): string {
  if (profiles.length === 0)
    return "no profiles: the shared config and credentials files define none\n";
  const rows = profiles.map(({ summary, region }) => [
    summary.profile,
    region ?? "-",
    summary.status === "ok" ? summary.description : `error: ${summary.error}`,
  ]);
  const header = ["PROFILE", "REGION", "CREDENTIALS"];
  const widths = [0, 1].map((column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? "").length)),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[header, ...rows].map(line).join("\n")}\n`;
}

function listingToJson({ summary, region, locations }: ProfileListing): unknown {
  const base = { name: summary.profile, region: region ?? null, locations };
  if (summary.status === "error") {
    return { ...base, status: "error", error: summary.error, hint: summary.hint ?? null };
  }
  return {
    ...base,
    status: "ok",
    description: summary.description,
    mfa: summary.mfa,
    plainTextKeys: summary.plainTextKeys,
    steps: planToJson(summary.plan),
  };
}
