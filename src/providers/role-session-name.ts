/**
 * The role session name when the profile sets none: `awsafe-<ms since epoch>`, like the JS
 * SDK's `aws-sdk-js-<ms>` (botocore: `botocore-session-<s>`), inside STS's 2–64 characters.
 */
export function defaultRoleSessionName(now: Date): string {
  return `awsafe-${now.getTime()}`;
}
