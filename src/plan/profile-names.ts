import type { ConfigData } from "../config/config-data.js";

/** Every profile name, from the files and the store, sorted. */
export function knownProfiles(
  config: ConfigData,
  storedKeyProfiles: ReadonlySet<string>,
): readonly string[] {
  const names = [...config.profiles.keys()];
  // Most stores hold keys of profiles the files name too: add only the others, without building
  // a set of every name.
  for (const name of storedKeyProfiles) {
    if (!config.profiles.has(name)) names.push(name);
  }
  return names.sort();
}
