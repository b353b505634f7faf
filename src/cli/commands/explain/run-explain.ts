import {
  explainProfile,
  type ProfileExplanation,
} from "../../../app/credentials/explain-profile.js";
import { ExitCode } from "../../../errors.js";
import { storedKeyProfiles } from "../../../runtime/inspect-store.js";
import type { CommandRun } from "../../command-spec.js";
import { describeStep } from "../../format/describe-step.js";
import { formatWarnings } from "../../format/format-warnings.js";
import { planToJson } from "../../format/plan-to-json.js";
import type { ExplainInput } from "./explain-command.js";

/** `awsafe explain [profile] [--json]`: the credential plan, step by step. */
export const runExplain: CommandRun<ExplainInput> = async (input, io) => {
  const explanation = await explainProfile(
    io,
    input.profile,
    await storedKeyProfiles(io, input.backend),
  );
  if (input.json) {
    io.stdout.write(`${JSON.stringify(explanationToJson(explanation), null, 2)}\n`);
  } else {
    io.stdout.write(formatExplanation(explanation));
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

function explanationToJson({ plan, region, locations, warnings }: ProfileExplanation): unknown {
  return {
    profile: plan.profile,
    region: region ?? null,
    locations,
    steps: planToJson(plan),
    warnings,
  };
}
