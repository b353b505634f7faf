import type { ConfigData } from "../config/config-data.js";
import type { ProfileReader } from "../config/profile/cached-profile-reader.js";
import type { Profile } from "../config/profile/profile.js";
import type { CredentialSourceStep, SourceStep } from "./credential-plan.js";
import {
  cycleError,
  missingSourceError,
  NoCredentialsError,
  roleWithoutSourceError,
} from "./plan-errors.js";
import { knownProfiles } from "./profile-names.js";
import { hasLongTermKeys, longTermKeysStep, resolveSource } from "./resolve-source.js";

/** A profile whose `role_arn` is assumed. */
export type RoleProfile = Profile & { readonly roleArn: string };

/** The `source_profile` path from a selected profile down to where its credentials start. */
export interface SourceChain {
  readonly selected: Profile;
  /** The profiles whose `role_arn` is assumed, in call order (nearest the source first). */
  readonly roles: readonly RoleProfile[];
  readonly source: SourceStep;
  /** The profile `source` was read from. */
  readonly sourceProfile: Profile;
}

/**
 * Follows `source_profile` from `selected` the way botocore's
 * AssumeRoleProvider does (SPECS §b.2): the selected profile's `role_arn` beats its own keys; a
 * source profile with keys uses them and ignores its role; a profile may name itself only when
 * it has keys; any other revisit is a cycle.
 *
 * @throws ConfigError for cycles, missing source profiles and profiles without credentials.
 */
export function walkSourceChain(
  config: ConfigData,
  readProfile: ProfileReader,
  selected: Profile,
  storedKeyProfiles: ReadonlySet<string>,
): SourceChain {
  // Every profile visited but the current one is a role of the chain, so the roles are the
  // visited list: no second array per profile planned.
  const rolesFromTop: RoleProfile[] = [];
  let profile = selected;
  for (;;) {
    const role = roleHop(profile, rolesFromTop.length === 0, storedKeyProfiles);
    if (role === undefined) {
      const source = resolveSource(profile, storedKeyProfiles);
      if (source === undefined)
        throw new NoCredentialsError(profile.name, rolesFromTop.at(-1)?.name);
      return chainOf(rolesFromTop, profile, source);
    }
    rolesFromTop.push(role);
    if (role.credentialSource !== undefined) {
      const source: CredentialSourceStep = {
        kind: "credentialSource",
        profile: role.name,
        source: role.credentialSource,
      };
      return chainOf(rolesFromTop, profile, source);
    }
    const next = role.sourceProfile;
    if (next === undefined) throw roleWithoutSourceError(role.name);
    if (next === role.name && hasLongTermKeys(role, storedKeyProfiles)) {
      return chainOf(rolesFromTop, profile, longTermKeysStep(role, storedKeyProfiles));
    }
    if (isVisited(rolesFromTop, next)) {
      throw cycleError([...rolesFromTop.map((visited) => visited.name), next]);
    }
    const source = readProfile(next);
    if (source === undefined) {
      throw missingSourceError(role.name, next, knownProfiles(config, storedKeyProfiles));
    }
    profile = source;
  }
}

/** The chain of the walk's roles, which it hands over: they are reversed in place. */
function chainOf(
  rolesFromTop: RoleProfile[],
  sourceProfile: Profile,
  source: SourceStep,
): SourceChain {
  const selected = rolesFromTop[0] ?? sourceProfile;
  return { selected, roles: rolesFromTop.reverse(), source, sourceProfile };
}

function isVisited(roles: readonly RoleProfile[], name: string): boolean {
  for (const role of roles) if (role.name === name) return true;
  return false;
}

/** The profile as a role to assume here, or `undefined` when its own credentials are used. */
function roleHop(
  profile: Profile,
  isSelected: boolean,
  storedKeyProfiles: ReadonlySet<string>,
): RoleProfile | undefined {
  // role_arn beside web_identity_token_file is the web-identity role, not an AssumeRole hop.
  if (!hasRoleArn(profile) || profile.webIdentityTokenFile !== undefined) return undefined;
  if (!isSelected && hasLongTermKeys(profile, storedKeyProfiles)) return undefined;
  // The profile itself, not a copy: profiles are read once and never changed.
  return profile;
}

function hasRoleArn(profile: Profile): profile is RoleProfile {
  return profile.roleArn !== undefined;
}
