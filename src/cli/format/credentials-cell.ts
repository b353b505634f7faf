import type { ProfileSummary } from "../../plan/summarize-profiles.js";

/** Where a profile's credentials come from, in a few words: a cell of `awsafe list`. */
export function credentialsCell(summary: ProfileSummary): string {
  switch (summary.status) {
    case "ok":
      return summary.description;
    case "none":
      return "none (settings only)";
    case "error":
      return `error: ${summary.error}`;
  }
}
