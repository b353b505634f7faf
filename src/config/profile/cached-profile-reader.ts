import type { ConfigData } from "../config-data.js";
import type { Profile } from "./profile.js";
import { readProfile } from "./read-profile.js";

/** Reads a profile by name; see {@link readProfile}. */
export type ProfileReader = (name: string) => Profile;

/**
 * A {@link readProfile} that reads each profile once. Planning every profile (`awsafe list`)
 * walks shared source profiles again and again; with 10,000 profiles the reads dominate.
 * Failed reads are not cached: they throw again, with the same error.
 */
export function cachedProfileReader(config: ConfigData): ProfileReader {
  const profiles = new Map<string, Profile>();
  return (name) => {
    let profile = profiles.get(name);
    if (profile === undefined) {
      profile = readProfile(config, name);
      profiles.set(name, profile);
    }
    return profile;
  };
}
