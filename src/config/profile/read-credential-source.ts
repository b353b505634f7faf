import { ConfigError } from "../../errors.js";
import type { PropertyValue } from "../config-data.js";
import { CredentialSourceName } from "./profile.js";
import { profileWhere, stringSetting } from "./read-property.js";

const allowed: readonly string[] = Object.values(CredentialSourceName);

/**
 * `credential_source` (the value from profile `profileName`), checked case-sensitively against
 * the names botocore accepts.
 */
export function credentialSourceOf(
  value: PropertyValue | undefined,
  profileName: string,
): CredentialSourceName | undefined {
  const text = stringSetting(value, "credential_source", profileName);
  if (text === undefined) return undefined;
  const match = Object.values(CredentialSourceName).find((name) => name === text);
  if (match === undefined) {
    throw new ConfigError(
      `${profileWhere(profileName)} has credential_source "${text}", which is not one of ${allowed.join(", ")}`,
      { hint: "The value is case-sensitive, as in the AWS CLI." },
    );
  }
  return match;
}
