import {
  explainProfile,
  type ProfileExplanation,
} from "../../../app/credentials/explain-profile.js";
import { selectedProfileName } from "../../../config/locate-shared-config.js";
import { ExitCode } from "../../../errors.js";
import { inspectStore } from "../../../runtime/inspect-store.js";
import type { CommandRun } from "../../command-spec.js";
import { describeStep } from "../../format/describe-step.js";
import { formatWarnings } from "../../format/format-warnings.js";
import { planToJson } from "../../format/plan-to-json.js";
import { storeViewNote, storeViewToJson } from "../../format/store-view.js";
import { profileOrPick } from "../../pick-profile/profile-or-pick.js";
import type { ExplainInput } from "./explain-command.js";

/**
 * `awsafe explain [profile] [--json]`: the credential plan, step by step (no profile: the picker
 * on a terminal, else `AWS_PROFILE` or `default`). A store that cannot be
 * read without prompting (a locked encrypted file) is said to be so: the plan then leaves out
 * the keys it holds, and differs from what `exec` runs once the passphrase is given.
 */
export const runExplain: CommandRun<ExplainInput> = async (input, io) => {
  const profile = await profileOrPick(io, input.profile, "explain", () =>
    selectedProfileName(io.env),
  );
  const store = await inspectStore(io, input.backend);
  const stored = store.status === "open" ? new Set(store.keyIds.keys()) : undefined;
  const explanation = await explainProfile(io, profile, stored);
  if (input.json) {
    const json = { ...explanationToJson(explanation), store: storeViewToJson(store) };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout.write(formatExplanation(explanation));
    // A keychain awsafe was never told to use, and cannot reach, is no news for a plan.
    if (store.status === "locked" || store.source !== "default") {
      io.stderr.write(storeViewNote(store, "keys in the secret store are left out of this plan"));
    }
    io.stderr.write(formatWarnings(explanation.warnings));
  }
  return ExitCode.Ok;
};

function formatExplanation({ plan, region, locations }: ProfileExplanation): string {
  const where = locations.map((at) => `${at.file}:${at.line}`).join(", ");
  const lines = [
    `profile  ${plan.profile}${where === "" ? "" : `  (${where})`}`,
    `region   ${region ?? "(none: set region in the profile or AWS_REGION)"}`,
    "",
    ...plan.steps.map((step, index) => `  ${index + 1}. ${describeStep(step)}`),
  ];
  return `${lines.join("\n")}\n`;
}

function explanationToJson({
  plan,
  region,
  locations,
  warnings,
}: ProfileExplanation): Record<string, unknown> {
  return {
    profile: plan.profile,
    region: region ?? null,
    locations,
    steps: planToJson(plan),
    warnings,
  };
}
