import type { ConfigData } from "../config-data.js";
import type { Profile } from "./profile.js";
import { readProfileSection } from "./read-profile.js";

/** Reads a profile by name, `undefined` when there is no such profile; see {@link readProfile}. */
export type ProfileReader = (name: string) => Profile | undefined;

/**
 * A {@link readProfile} that reads each profile once, of the files' sections and the names in
 * `storedKeyProfiles` (keys in awsafe's store); `undefined` for any other name. Planning every
 * profile (`awsafe list`) walks shared source profiles again and again; with 10,000 profiles the
 * reads dominate, and a profile read before needs no other lookup. Failed reads are not cached:
 * they throw again, with the same error.
 */
export function cachedProfileReader(
  config: ConfigData,
  storedKeyProfiles: ReadonlySet<string>,
): ProfileReader {
  const profiles = new Map<string, Profile>();
  return (name) => {
    let profile = profiles.get(name);
    if (profile === undefined) {
      // One lookup of the section tells both whether the profile exists and what it says.
      const properties = config.profiles.get(name);
      if (properties === undefined && !storedKeyProfiles.has(name)) return undefined;
      profile = readProfileSection(config, name, properties);
      profiles.set(name, profile);
    }
    return profile;
  };
}
