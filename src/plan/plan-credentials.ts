import type { ConfigData } from "../config/config-data.js";
import { cachedProfileReader } from "../config/profile/cached-profile-reader.js";
import { chainSteps } from "./chain-steps.js";
import type { CredentialPlan } from "./credential-plan.js";
import { unknownProfileError } from "./plan-errors.js";
import { knownProfiles } from "./profile-names.js";
import { walkSourceChain } from "./walk-source-chain.js";

/** What the planner may know beyond the shared files, gathered by the caller. */
export interface PlanFacts {
  /** Profiles that have long-term keys in awsafe's secret store. */
  readonly storedKeyProfiles?: ReadonlySet<string>;
}

/** Plans one profile of the files and facts a {@link createPlanner} was given. */
export type Planner = (profileName: string) => CredentialPlan;

const noProfiles: ReadonlySet<string> = new Set();

/**
 * The steps that produce credentials for `profileName`, without calling anything: a pure
 * function of the parsed files and the facts given (no I/O, no environment, no clock).
 *
 * @throws ConfigError when the profile is unknown, a `source_profile` is missing or cyclic, a
 *   profile has no credentials, or its settings are malformed or contradictory.
 */
export function planCredentials(
  config: ConfigData,
  profileName: string,
  facts: PlanFacts = {},
): CredentialPlan {
  return createPlanner(config, facts)(profileName);
}

/**
 * {@link planCredentials} for many profiles of the same files: each profile is read once. The
 * files and facts must not change while the planner is in use.
 */
export function createPlanner(config: ConfigData, facts: PlanFacts = {}): Planner {
  const stored = facts.storedKeyProfiles ?? noProfiles;
  const readProfile = cachedProfileReader(config, stored);
  return (profileName) => {
    const selected = readProfile(profileName);
    if (selected === undefined) {
      throw unknownProfileError(profileName, knownProfiles(config, stored));
    }
    const chain = walkSourceChain(config, readProfile, selected, stored);
    const region = chain.selected.region;
    const steps = chainSteps(chain);
    return region === undefined
      ? { profile: profileName, steps }
      : { profile: profileName, region, steps };
  };
}
