import type { Properties } from "../../config/config-data.js";
import { stringProperty } from "../../config/config-data.js";
import { awsafePrefix, routedKeys } from "../../config/profile/awsafe-settings.js";
import { awsafeProcessWords } from "../../config/awsafe-process-line.js";

/** The edit `configure` makes to a profile: keys to set, keys to delete. */
export interface ProfileEdit {
  readonly set: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
}

/**
 * A profile whose `credential_process` is awsafe's line for that same profile is how the AWS CLI
 * and the SDKs reach awsafe. Its role, web-identity and SSO settings would make those tools
 * skip `credential_process` and do the work themselves, so they are kept as `awsafe_<key>`
 * (which only awsafe reads): the ones being set now, and any already in the profile, which move.
 * Any other profile is edited as asked.
 */
export function routeThroughAwsafe(
  profile: string,
  values: Readonly<Record<string, string>>,
  existing: Properties | undefined,
): ProfileEdit {
  const processLine =
    values.credential_process ??
    (existing === undefined ? undefined : stringProperty(existing, "credential_process"));
  if (processLine === undefined || awsafeProcessProfile(processLine) !== profile) {
    return { set: values, remove: [] };
  }
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    set[routedKeys.includes(key) ? awsafePrefix + key : key] = value;
  }
  for (const key of routedKeys) {
    const current = existing === undefined ? undefined : stringProperty(existing, key);
    if (current === undefined) continue;
    remove.push(key);
    if (!(key in values)) set[awsafePrefix + key] = current;
  }
  return { set, remove };
}

/** The profile an awsafe `credential_process` line asks for, or `undefined` for other lines. */
export function awsafeProcessProfile(line: string): string | undefined {
  const words = awsafeProcessWords(line);
  return words?.[words.indexOf("credential-process") + 1];
}
