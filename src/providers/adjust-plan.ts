import { roleChainingMaxSeconds } from "../plan/chain-steps.js";
import type {
  AssumeRoleStep,
  CredentialPlan,
  SessionTokenStep,
  SourceStep,
  TransformStep,
} from "../plan/credential-plan.js";
import type { ProviderOptions } from "./credential-provider.js";

/**
 * Applies `--duration` and `--no-session` to a plan, with the rules of chain-steps.ts:
 *
 * - `--no-session` drops the GetSessionToken step; its MFA device moves to the first role (which
 *   is then assumed straight from the long-term keys, so no longer chained). Without a role the
 *   long-term keys themselves are the result, as `aws-vault --no-session` does.
 * - `--duration` sets the lifetime of the last step. A role asked for more than an hour right
 *   after an MFA session would hit AWS's role-chaining cap, so the session step is dropped as
 *   above; a role chained for another reason keeps its cap (and is capped, not failed).
 * - `sessionOnly` keeps the source and its GetSessionToken step and drops the roles after it; a
 *   plan without such a step (or with `--no-session`) is left with its source alone.
 */
export function adjustPlan(plan: CredentialPlan, options: ProviderOptions): CredentialPlan {
  const [source, ...transforms] = plan.steps;
  const duration = options.durationSeconds;
  const [first, second] = transforms;
  const longRoleAfterSession =
    duration !== undefined &&
    duration > roleChainingMaxSeconds &&
    first?.kind === "sessionToken" &&
    transforms.length === 2 &&
    second?.kind === "assumeRole";
  let steps = transforms;
  if (options.sessionOnly === true) {
    steps = first?.kind === "sessionToken" && options.noSession !== true ? [first] : [];
  } else if (
    first?.kind === "sessionToken" &&
    (options.noSession === true || longRoleAfterSession)
  ) {
    steps = withoutSession(source, first, transforms.slice(1));
  }
  if (duration !== undefined) steps = withLastDuration(steps, duration);
  return { ...plan, steps: [source, ...steps] };
}

function withoutSession(
  source: SourceStep,
  session: SessionTokenStep,
  rest: readonly TransformStep[],
): TransformStep[] {
  const [firstRole, ...others] = rest;
  if (firstRole?.kind !== "assumeRole") return [...rest];
  const longTerm =
    source.kind === "storedKeys" || (source.kind === "staticKeys" && !source.temporary);
  const base: AssumeRoleStep = longTerm ? unchained(firstRole) : firstRole;
  const { mfaSerial, mfaProcess, mfaProfile } = session;
  const role: AssumeRoleStep =
    base.mfaSerial !== undefined || mfaSerial === undefined
      ? base
      : {
          ...base,
          mfaSerial,
          ...(mfaProcess === undefined ? {} : { mfaProcess }),
          ...(mfaProfile === undefined ? {} : { mfaProfile }),
        };
  return [role, ...others];
}

function withLastDuration(steps: readonly TransformStep[], duration: number): TransformStep[] {
  const last = steps.at(-1);
  if (last === undefined) return [...steps];
  return [...steps.slice(0, -1), { ...last, durationSeconds: duration }];
}

/** The role as assumed straight from long-term keys: not chained, so no one-hour cap. */
function unchained(role: AssumeRoleStep): AssumeRoleStep {
  const copy: { -readonly [K in keyof AssumeRoleStep]: AssumeRoleStep[K] } = { ...role };
  delete copy.maxDurationSeconds;
  return { ...copy, chained: false };
}
