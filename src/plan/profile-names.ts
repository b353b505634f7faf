import type { ConfigData } from "../config/config-data.js";

/** Whether `name` is a profile: a section in the shared files, or keys in awsafe's store. */
export function profileExists(
  config: ConfigData,
  storedKeyProfiles: ReadonlySet<string>,
  name: string,
): boolean {
  return Object.hasOwn(config.profiles, name) || storedKeyProfiles.has(name);
}

/** Every profile name, from the files and the store, sorted. */
export function knownProfiles(
  config: ConfigData,
  storedKeyProfiles: ReadonlySet<string>,
): readonly string[] {
  return [...new Set([...Object.keys(config.profiles), ...storedKeyProfiles])].sort();
}
