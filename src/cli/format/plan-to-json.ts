import type { CredentialPlan } from "../../plan/credential-plan.js";
import { redact } from "../../redact.js";

/** The plan's steps for `--json` output, with access key ids redacted like everywhere else. */
export function planToJson(plan: CredentialPlan): unknown[] {
  return plan.steps.map((step) =>
    step.kind === "staticKeys" ? { ...step, accessKeyId: redact(step.accessKeyId) } : step,
  );
}
