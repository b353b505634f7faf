import type { PlanStep } from "../../plan/credential-plan.js";
import { defaultSessionSeconds } from "../../providers/from-session-token.js";
import { redact } from "../../redact.js";
import { formatDuration } from "./format-duration.js";

/** One line for one step of a credential plan, as `awsafe explain` prints it. */
export function describeStep(step: PlanStep): string {
  switch (step.kind) {
    case "staticKeys":
      return `${step.temporary ? "temporary" : "long-term"} keys ${redact(step.accessKeyId)} of profile "${step.profile}", in plain text in the shared files`;
    case "storedKeys":
      return `long-term keys of profile "${step.profile}" from awsafe's secret store`;
    case "sso":
      return `IAM Identity Center: role ${step.roleName} in account ${step.accountId} (${step.startUrl}, ${step.region}${step.session === undefined ? "" : `, sso-session ${step.session}`})`;
    case "ssoToken":
      return `IAM Identity Center token of sso-session ${step.session} (${step.startUrl}, ${step.region}); no account and role, so no AWS credentials: set sso_account_id and sso_role_name`;
    case "webIdentity":
      return `AssumeRoleWithWebIdentity into ${step.roleArn} with the token in ${step.tokenFile}`;
    case "process":
      return `credential_process of profile "${step.profile}": ${step.command}`;
    case "credentialSource":
      return `credentials from ${step.source} (credential_source of profile "${step.profile}")`;
    case "sessionToken":
      return [
        "GetSessionToken",
        step.mfaSerial === undefined ? " without MFA (no mfa_serial)" : mfaPart(step),
        `, for ${formatDuration(step.durationSeconds ?? defaultSessionSeconds)}`,
        step.durationSeconds === undefined ? " (the default)" : "",
        step.mfaSerial === undefined
          ? "; the session is cached"
          : "; the session is cached and carries the MFA to the roles after it",
      ].join("");
    case "assumeRole":
      return [
        `AssumeRole ${step.roleArn} (profile "${step.profile}")`,
        mfaPart(step),
        step.externalId === undefined ? "" : ", with an external id",
        step.roleSessionName === undefined ? "" : `, session name ${step.roleSessionName}`,
        step.tags === undefined ? "" : `, tagged ${tagList(step.tags, step.transitiveTagKeys)}`,
        step.sourceIdentity === undefined ? "" : `, source identity ${step.sourceIdentity}`,
        durationPart(step.durationSeconds, step.maxDurationSeconds),
      ].join("");
  }
}

function tagList(
  tags: readonly { readonly key: string; readonly value: string }[],
  transitive: readonly string[] | undefined,
): string {
  return tags
    .map(
      ({ key, value }) =>
        `${key}=${value}${transitive?.includes(key) === true ? " (transitive)" : ""}`,
    )
    .join(", ");
}

/** ` with MFA <serial>`, saying which profile sets it (when not the step's) and where codes come from. */
function mfaPart(step: {
  readonly profile: string;
  readonly mfaSerial?: string;
  readonly mfaProcess?: string;
  readonly mfaProfile?: string;
}): string {
  if (step.mfaSerial === undefined) return "";
  const notes = [
    step.mfaProfile === undefined || step.mfaProfile === step.profile
      ? undefined
      : `mfa_serial of profile "${step.mfaProfile}"`,
    step.mfaProcess === undefined ? undefined : "code from mfa_process",
  ].filter((note) => note !== undefined);
  return ` with MFA ${step.mfaSerial}${notes.length === 0 ? "" : ` (${notes.join(", ")})`}`;
}

function durationPart(wanted: number | undefined, cap: number | undefined): string {
  const capped =
    cap === undefined
      ? ""
      : ` (at most ${formatDuration(cap)}: the role is assumed from temporary credentials)`;
  if (wanted === undefined)
    return cap === undefined
      ? ", for 1 h (the STS default)"
      : `, for ${formatDuration(cap)}${capped}`;
  if (cap !== undefined && wanted > cap)
    return `, for ${formatDuration(cap)}, not the ${formatDuration(wanted)} of duration_seconds${capped}`;
  return `, for ${formatDuration(wanted)}`;
}
