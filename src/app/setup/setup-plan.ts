import type { Properties } from "../../config/config-data.js";
import type { ImportCandidate } from "../import/plan-import.js";
import { profileSetting } from "./setup-values.js";

/** What the shared files hold for setup, read before it asks anything. */
export interface SetupFacts {
  /** What `doctor` says of the plain-text keys in the shared files. */
  readonly findings: readonly string[];
  /** Profiles with plain-text long-term keys that import can move into the store. */
  readonly candidates: readonly ImportCandidate[];
  /** The profiles, as parsed. */
  readonly profiles: ReadonlyMap<string, Properties>;
  /** The shared files' paths, for messages. */
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** A role profile already in the files with `source` as its source: setup's suggestion. */
export interface KnownRole {
  readonly profile: string;
  readonly roleArn: string;
  readonly mfaSerial: string | undefined;
}

/** The role profiles whose `source_profile` (or awsafe's copy of it) is `source`. */
export function knownRoles(facts: SetupFacts, source: string): KnownRole[] {
  const roles: KnownRole[] = [];
  for (const [profile, properties] of facts.profiles) {
    const roleArn = profileSetting(properties, "role_arn");
    if (roleArn === undefined || profileSetting(properties, "source_profile") !== source) continue;
    roles.push({ profile, roleArn, mfaSerial: profileSetting(properties, "mfa_serial") });
  }
  return roles.sort((a, b) => a.profile.localeCompare(b.profile));
}

/** The MFA device the files already name for `source` (its own, or one of its roles'). */
export function knownMfaSerial(facts: SetupFacts, source: string): string | undefined {
  const own = facts.profiles.get(source);
  const fromSource = own === undefined ? undefined : profileSetting(own, "mfa_serial");
  return fromSource ?? knownRoles(facts, source).find((role) => role.mfaSerial)?.mfaSerial;
}

/** The region of `source` in the files, given to the new profile when it has none. */
export function sourceRegion(facts: SetupFacts, source: string): string | undefined {
  const own = facts.profiles.get(source);
  return own === undefined ? undefined : profileSetting(own, "region");
}
