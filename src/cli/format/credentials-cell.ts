import type { ProfileSummary } from "../../plan/summarize-profiles.js";
import { plain, type Style } from "./style-types.js";

/**
 * Where a profile's credentials come from, in a few words: the last cell of `awsafe list` (not
 * padded, so its colour cannot upset the alignment) and a line of the profile picker.
 */
export function credentialsCell(summary: ProfileSummary, style: Style = plain): string {
  switch (summary.status) {
    case "ok":
      return summary.description;
    case "none":
      return style("dim", "none (settings only)");
    case "error":
      return style("fail", `✗ error: ${summary.error}`);
  }
}
