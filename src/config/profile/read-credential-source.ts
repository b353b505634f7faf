import { ConfigError } from "../../errors.js";
import type { Properties } from "../config-data.js";
import { CredentialSourceName } from "./profile.js";
import { readString } from "./read-property.js";

const allowed: readonly string[] = Object.values(CredentialSourceName);

/** `credential_source`, checked case-sensitively against the names botocore accepts. */
export function readCredentialSource(
  properties: Properties,
  where: string,
): CredentialSourceName | undefined {
  const text = readString(properties, "credential_source", where);
  if (text === undefined) return undefined;
  const match = Object.values(CredentialSourceName).find((name) => name === text);
  if (match === undefined) {
    throw new ConfigError(
      `${where} has credential_source "${text}", which is not one of ${allowed.join(", ")}`,
      { hint: "The value is case-sensitive, as in the AWS CLI." },
    );
  }
  return match;
}
