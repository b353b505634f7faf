import { redact } from "../../../redact.js";

/** The table's header. */
export const tableHeader = ["PROFILE", "REGION", "CREDENTIALS"] as const;

/** What `list` prints instead of a table when there is no profile. */
export const noProfilesLine = "no profiles: the shared config and credentials files define none\n";

/** What follows the credentials of a profile with a key in the store (nothing without one). */
export function storedKeySuffix(keyId: string | undefined): string {
  return keyId === undefined ? "" : ` [stored key ${redact(keyId)}]`;
}
