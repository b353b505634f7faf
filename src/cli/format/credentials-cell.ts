import { plain, type Style } from "./style-types.js";

/**
 * What {@link credentialsCell} shows of a profile's summary (`ProfileSummary` is one): what
 * `awsafe list`'s cache keeps of it, without the plan.
 */
export type CredentialsCellSource =
  | { readonly status: "ok"; readonly description: string }
  | { readonly status: "none" }
  | { readonly status: "error"; readonly error: string };

/**
 * Where a profile's credentials come from, in a few words: the last cell of `awsafe list` (not
 * padded, so its colour cannot upset the alignment) and a line of the profile picker.
 */
export function credentialsCell(summary: CredentialsCellSource, style: Style = plain): string {
  switch (summary.status) {
    case "ok":
      return summary.description;
    case "none":
      return style("dim", "none (settings only)");
    case "error":
      return style("fail", `✗ error: ${summary.error}`);
  }
}
