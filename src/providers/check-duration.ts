import type { AssumeRoleStep, CredentialPlan, SessionTokenStep } from "../plan/credential-plan.js";
import { UsageError } from "../errors.js";

/** What STS accepts for GetSessionToken from an IAM user: 15 minutes to 36 hours. */
export const sessionTokenSeconds = { min: 900, max: 129_600 } as const;
/**
 * AssumeRole: 15 minutes up to the role's MaxSessionDuration, which is at most 12 hours and
 * cannot be known without asking IAM; 12 hours is the most any role allows.
 */
export const assumeRoleSeconds = { min: 900, max: 43_200 } as const;

/**
 * Checks `--duration` against the call it sets (the last step of the plan, after
 * {@link adjustPlan}), before any call is made: a duration STS would refuse must not cost an MFA
 * code first.
 *
 * @throws UsageError naming the allowed range for this plan, or saying that the plan makes no
 *   STS call a duration could apply to.
 */
export function checkDuration(plan: CredentialPlan, durationSeconds: number | undefined): void {
  if (durationSeconds === undefined) return;
  const last = plan.steps.at(-1);
  const given = `--duration ${durationSeconds} s`;
  if (last === undefined || (last.kind !== "sessionToken" && last.kind !== "assumeRole")) {
    throw new UsageError(
      `${given} has nothing to apply to: profile "${plan.profile}" gets its credentials without a GetSessionToken or AssumeRole call of awsafe's`,
      { hint: "Leave out --duration; these credentials last as long as their source makes them" },
    );
  }
  const { min, max, call, note } = allowedRange(last);
  if (durationSeconds >= min && durationSeconds <= max) return;
  throw new UsageError(
    `${given} is outside what ${call}: ${min} to ${max} s (${min / 60} min to ${max / 3600} h${note})`,
    { hint: "Give a --duration in that range, e.g. --duration 1h" },
  );
}

/** What STS allows for the call `step` makes, and how to name that call. */
function allowedRange(step: SessionTokenStep | AssumeRoleStep): {
  readonly min: number;
  readonly max: number;
  readonly call: string;
  readonly note: string;
} {
  if (step.kind === "sessionToken") {
    const call = `GetSessionToken allows for profile "${step.profile}"`;
    return { ...sessionTokenSeconds, call, note: "" };
  }
  if (step.maxDurationSeconds === undefined) {
    const call = `AssumeRole allows for ${step.roleArn}`;
    return { ...assumeRoleSeconds, call, note: "; the role's own maximum may be lower" };
  }
  return {
    min: assumeRoleSeconds.min,
    max: step.maxDurationSeconds,
    call: `AssumeRole allows for ${step.roleArn} from temporary credentials (role chaining)`,
    note: "",
  };
}
