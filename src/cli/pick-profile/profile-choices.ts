import type { ProfileListing } from "../../app/credentials/list-profiles.js";
import type { ProfileSummary } from "../../plan/summarize-profiles.js";
import { credentialsCell } from "../format/credentials-cell.js";
import { fuzzyScore } from "./fuzzy-score.js";

/** One line of the profile picker and what a search is matched against. */
export interface ProfileChoice {
  readonly name: string;
  /** Where its credentials come from, as `awsafe list` says it. */
  readonly credentials: string;
  /** The accounts its plan reaches (a role's, an SSO account). */
  readonly accountIds: readonly string[];
  /** The roles its plan assumes (`AdminRole` of `arn:aws:iam::…:role/AdminRole`, SSO roles). */
  readonly roleNames: readonly string[];
}

/** The picker's lines, one per profile, in the order they are listed. */
export function profileChoices(listings: readonly ProfileListing[]): ProfileChoice[] {
  return listings.map(({ summary }) => ({
    name: summary.profile,
    credentials: credentialsCell(summary),
    ...targetsOf(summary),
  }));
}

/**
 * The choices that match `search`, best first (ties keep their order). Each word of the search
 * must match the profile's name or one of its role names (fuzzy), or be part of one of its
 * account IDs; a match on the name counts double.
 */
export function rankChoices(
  choices: readonly ProfileChoice[],
  search: string,
): { choice: ProfileChoice; score: number }[] {
  const words = search.trim().split(/\s+/).filter(Boolean);
  const scored: { choice: ProfileChoice; score: number }[] = [];
  for (const choice of choices) {
    let total = 0;
    for (const word of words) {
      const score = wordScore(choice, word);
      if (score === undefined) {
        total = Number.NaN;
        break;
      }
      total += score;
    }
    if (!Number.isNaN(total)) scored.push({ choice, score: total });
  }
  return scored.sort((a, b) => b.score - a.score);
}

function wordScore(choice: ProfileChoice, word: string): number | undefined {
  const scores = [
    timesTwo(fuzzyScore(word, choice.name)),
    ...choice.roleNames.map((role) => fuzzyScore(word, role)),
    ...choice.accountIds.map((account) => accountScore(word, account)),
  ].filter((score) => score !== undefined);
  return scores.length === 0 ? undefined : Math.max(...scores);
}

function timesTwo(score: number | undefined): number | undefined {
  return score === undefined ? undefined : score * 2;
}

/** Digits are matched as typed, not fuzzily: `2109` finds 210987654321, not every ID with a 2. */
function accountScore(word: string, account: string): number | undefined {
  const at = account.indexOf(word);
  if (at === -1) return undefined;
  return word.length * (at === 0 ? 6 : 4);
}

function targetsOf(summary: ProfileSummary): Pick<ProfileChoice, "accountIds" | "roleNames"> {
  const accountIds = new Set<string>();
  const roleNames = new Set<string>();
  if (summary.status === "ok") {
    for (const step of summary.plan.steps) {
      if (step.kind === "sso") {
        accountIds.add(step.accountId);
        roleNames.add(step.roleName);
      } else if (step.kind === "assumeRole" || step.kind === "webIdentity") {
        const role = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(step.roleArn);
        if (role?.[1] !== undefined && role[2] !== undefined) {
          accountIds.add(role[1]);
          roleNames.add(role[2]);
        }
      }
    }
  }
  return { accountIds: [...accountIds], roleNames: [...roleNames] };
}
