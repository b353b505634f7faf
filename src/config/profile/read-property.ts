import { ConfigError } from "../../errors.js";
import type { Properties } from "../config-data.js";

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
  if (typeof value !== "string") {
    throw new ConfigError(`${where} has ${key} as a sub-section, expected a single value`, {
      hint: `Write ${key} = <value> on one line.`,
    });
  }
  return value;
}

/**
 * `duration_seconds` as a whole number of seconds.
 *
 * Stricter than botocore, which silently ignores a value `int()` cannot parse and so requests
 * the STS default instead of what the user wrote; awsafe refuses rather than guess.
 */
export function readDurationSeconds(properties: Properties, where: string): number | undefined {
  const text = readString(properties, "duration_seconds", where);
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text)) {
    throw new ConfigError(
      `${where} has duration_seconds "${text}", which is not a whole number of seconds`,
      { hint: "Set duration_seconds to an integer such as 3600 (one hour)." },
    );
  }
  return Number(text);
}
