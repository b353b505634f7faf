import { existsSync } from "node:fs";
import path from "node:path";
import { awsafeProcessWords, isAwsafeProcessLine } from "../../../config/awsafe-process-line.js";
import { stringProperty } from "../../../config/config-data.js";
import type { SharedConfig } from "../../../config/parse-shared-config.js";
import { AppError } from "../../../errors.js";
import { createPlanner } from "../../../plan/plan-credentials.js";
import { redactText } from "../../../redact.js";
import { type Finding, finding } from "../finding.js";

/** The warnings the parser raises: constructs the AWS CLI and the SDKs read differently. */
export function configWarningFindings(shared: SharedConfig): Finding[] {
  if (shared.warnings.length === 0) {
    return [
      finding(
        "config-warnings",
        "ok",
        "the shared files read the same in the AWS CLI and the SDKs",
      ),
    ];
  }
  return shared.warnings.map((warning) =>
    finding(
      "config-warnings",
      "warn",
      `${warning.file}:${String(warning.line)}: ${warning.message}`,
    ),
  );
}

/**
 * Role profiles assumed straight from long-term keys with no MFA device anywhere in their
 * chain: whoever has the keys has the role. SSO, web-identity and `credential_process` sources
 * are not about this machine's keys and are left alone.
 */
export function roleMfaFindings(
  shared: SharedConfig,
  storedKeyProfiles: ReadonlySet<string>,
): Finding[] {
  const plan = createPlanner(shared.data, { storedKeyProfiles });
  const missing: string[] = [];
  for (const profile of shared.data.profiles.keys()) {
    let steps;
    try {
      steps = plan(profile).steps;
    } catch (error) {
      if (error instanceof AppError) continue;
      throw error;
    }
    const [source, ...rest] = steps;
    const longTerm =
      source.kind === "storedKeys" || (source.kind === "staticKeys" && !source.temporary);
    const roles = rest.filter((step) => step.kind === "assumeRole");
    const mfa = rest.some((step) => step.mfaSerial !== undefined);
    if (longTerm && roles.length > 0 && !mfa) missing.push(profile);
  }
  if (missing.length === 0) {
    return [finding("role-mfa", "ok", "every role profile over long-term keys asks for MFA")];
  }
  return missing.map((profile) =>
    finding(
      "role-mfa",
      "fail",
      `profile "${profile}" assumes its role with long-term keys and no MFA device (no mfa_serial)`,
      `awsafe configure ${profile} --mfa-serial arn:aws:iam::ACCOUNT:mfa/DEVICE (and require MFA in the role's trust policy)`,
    ),
  );
}

/**
 * Every `credential_process` that is not awsafe's, by name: config shared by a registry or a
 * teammate can run anything through it. awsafe's own lines are checked for a program that moved.
 */
export function credentialProcessFindings(shared: SharedConfig): Finding[] {
  const found: Finding[] = [];
  for (const [profile, properties] of shared.data.profiles) {
    const line = stringProperty(properties, "credential_process");
    if (line === undefined) continue;
    if (!isAwsafeProcessLine(line)) {
      found.push(
        finding(
          "credential-process",
          "warn",
          `profile "${profile}" runs credential_process = ${redactText(line)} (not awsafe): make sure you know this program`,
        ),
      );
      continue;
    }
    const gone = (awsafeProcessWords(line) ?? [])
      .slice(0, 2)
      .filter((word) => path.isAbsolute(word) && !existsSync(word));
    if (gone.length > 0) {
      found.push(
        finding(
          "credential-process",
          "fail",
          `profile "${profile}": its awsafe credential_process names ${gone.join(", ")}, which does not exist`,
          `awsafe configure ${profile} --credential-process`,
        ),
      );
    }
  }
  if (found.length === 0)
    found.push(finding("credential-process", "ok", "every credential_process is awsafe's"));
  return found;
}
