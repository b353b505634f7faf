import { ConfigError } from "../../errors.js";
import type { Properties, PropertyValue } from "../config-data.js";

/**
 * A string setting of a section, or `undefined` when absent or empty. `where` names the section
 * in messages (`profile "dev"`).
 *
 * Empty counts as absent: `role_arn =` is a half-edited line, and treating it as "set" would only
 * move the failure to an STS call with an empty parameter.
 */
export function readString(properties: Properties, key: string, where: string): string | undefined {
  const value = properties[key];
  // Most keys are absent, so the own-property check (against inherited keys of maps not built
  // by our parser) runs only for the few that are there.
  if (value === undefined || value === "" || !Object.hasOwn(properties, key)) return undefined;
  if (typeof value !== "string") throw subSectionError(where, key);
  return value;
}

/**
 * {@link readString} for a value already taken from profile `profileName`'s section. The
 * profile is named in the message only when there is one to write.
 */
export function stringSetting(
  value: PropertyValue | undefined,
  key: string,
  profileName: string,
): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw subSectionError(profileWhere(profileName), key);
  return value;
}

/** How messages name a profile's section. */
export function profileWhere(profileName: string): string {
  return `profile "${profileName}"`;
}

/**
 * `duration_seconds` (the value from profile `profileName`) as a whole number of seconds.
 *
 * Stricter than botocore, which silently ignores a value `int()` cannot parse and so requests
 * the STS default instead of what the user wrote; awsafe refuses rather than guess.
 */
export function durationSecondsOf(
  value: PropertyValue | undefined,
  profileName: string,
): number | undefined {
  const text = stringSetting(value, "duration_seconds", profileName);
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text)) {
    throw new ConfigError(
      `${profileWhere(profileName)} has duration_seconds "${text}", which is not a whole number of seconds`,
      { hint: "Set duration_seconds to an integer such as 3600 (one hour)." },
    );
  }
  return Number(text);
}

function subSectionError(where: string, key: string): ConfigError {
  return new ConfigError(`${where} has ${key} as a sub-section, expected a single value`, {
    hint: `Write ${key} = <value> on one line.`,
  });
}
