import type { ConfigData } from "../config-data.js";
import type { Profile } from "./profile.js";
import { readProfile } from "./read-profile.js";

/** Reads a profile by name, `undefined` when there is no such profile; see {@link readProfile}. */
export type ProfileReader = (name: string) => Profile | undefined;

/**
 * A {@link readProfile} that reads each profile once, of those that `exists` says are profiles
 * (by default the files' sections); `undefined` for any other name. Planning every profile
 * (`awsafe list`) walks shared source profiles again and again; with 10,000 profiles the reads
 * dominate, and a profile read before needs no other lookup. Failed reads are not cached: they
 * throw again, with the same error.
 */
export function cachedProfileReader(
  config: ConfigData,
  exists: (name: string) => boolean = (name) => config.profiles.has(name),
): ProfileReader {
  const profiles = new Map<string, Profile>();
  return (name) => {
    let profile = profiles.get(name);
    if (profile === undefined) {
      if (!exists(name)) return undefined;
      profile = readProfile(config, name);
      profiles.set(name, profile);
    }
    return profile;
  };
}
