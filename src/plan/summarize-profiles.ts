import type { ConfigData } from "../config/config-data.js";
import { ConfigError } from "../errors.js";
import type { CredentialPlan, SourceStep } from "./credential-plan.js";
import { describeWith, lastRoleArn, usesMfa } from "./describe-credential-source.js";
import { createPlanner, type PlanFacts, type Planner } from "./plan-credentials.js";
import { NoCredentialsError } from "./plan-errors.js";
import { knownProfiles } from "./profile-names.js";

/** One profile for `awsafe list`: where its credentials come from, or why it has none. */
export type ProfileSummary =
  | {
      readonly profile: string;
      readonly status: "ok";
      /** A short phrase: "static keys in plain text", "role X via Y", "SSO", "process". */
      readonly description: string;
      readonly source: SourceStep["kind"];
      /** The role the credentials end in, if any. */
      readonly roleArn?: string;
      readonly mfa: boolean;
      /** Long-term keys sit in plain text in the shared files (what `awsafe import` fixes). */
      readonly plainTextKeys: boolean;
      readonly plan: CredentialPlan;
    }
  | {
      readonly profile: string;
      /** Settings only (a `[default]` with just a region, say): nothing to sign with, no fault. */
      readonly status: "none";
    }
  | {
      readonly profile: string;
      readonly status: "error";
      /** The ConfigError's message and hint. */
      readonly error: string;
      readonly hint?: string;
    };

/**
 * Every profile (from the files and the store, sorted by name) with where its credentials come
 * from. A profile that cannot be planned is one `error` entry, not the end of the list.
 */
export function summarizeProfiles(config: ConfigData, facts: PlanFacts = {}): ProfileSummary[] {
  const summarize = createSummarizer(config, facts);
  return knownProfiles(config, facts.storedKeyProfiles ?? new Set()).map(summarize);
}

/**
 * Summarizes one profile at a time, as {@link summarizeProfiles} does all of them: for a caller
 * that uses each summary and drops it (`awsafe list` turns 10,000 of them into table lines).
 * The files and facts must not change while it is in use.
 */
export function createSummarizer(
  config: ConfigData,
  facts: PlanFacts = {},
): (profile: string) => ProfileSummary {
  const plan = createPlanner(config, facts);
  return (profile) => summarizeProfile(plan, profile);
}

function summarizeProfile(planProfile: Planner, profile: string): ProfileSummary {
  let plan: CredentialPlan;
  try {
    plan = planProfile(profile);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    if (error instanceof NoCredentialsError && error.usedBy === undefined) {
      return { profile, status: "none" };
    }
    const hint = error.hint === undefined ? {} : { hint: error.hint };
    return { profile, status: "error", error: error.message, ...hint };
  }
  const [source] = plan.steps;
  const roleArn = lastRoleArn(plan);
  const mfa = usesMfa(plan);
  const description = describeWith(plan, roleArn, mfa);
  const plainTextKeys = source.kind === "staticKeys" && !source.temporary;
  // Two literals rather than a conditional spread, which costs `awsafe list` several times as
  // much per profile.
  return roleArn === undefined
    ? { profile, status: "ok", description, source: source.kind, mfa, plainTextKeys, plan }
    : {
        profile,
        status: "ok",
        description,
        source: source.kind,
        roleArn,
        mfa,
        plainTextKeys,
        plan,
      };
}
