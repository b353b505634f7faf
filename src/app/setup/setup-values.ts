import { stringProperty, type Properties } from "../../config/config-data.js";
import { awsafePrefix } from "../../config/profile/awsafe-settings.js";

const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const mfaSerialPattern = /^(?:arn:aws[a-z-]*:iam::\d{12}:(?:mfa|u2f)\/[\w+=,.@/-]+|GAHT\d{8,})$/;

/** What is wrong with `text` as an IAM role ARN; `undefined` when it is one. */
export function roleArnProblem(text: string): string | undefined {
  if (roleArnPattern.test(text)) return undefined;
  return `"${text}" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`;
}

/** What is wrong with `text` as an MFA device (an ARN, or a hardware token's serial). */
export function mfaSerialProblem(text: string): string | undefined {
  if (mfaSerialPattern.test(text)) return undefined;
  return `"${text}" is not an MFA device (arn:aws:iam::123456789012:mfa/NAME)`;
}

/** `AdminRole` → `admin-role`, `ops/ReadOnly_Access` → `read-only-access`: a profile name. */
export function profileNameFor(roleArn: string): string {
  const role = roleArnPattern.exec(roleArn)?.[1] ?? "role";
  return role
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

/** A setting of a profile, routed through awsafe (`awsafe_role_arn`) or not (`role_arn`). */
export function profileSetting(properties: Properties, key: string): string | undefined {
  return stringProperty(properties, key) ?? stringProperty(properties, awsafePrefix + key);
}
