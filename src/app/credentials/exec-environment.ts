import {
  awsCredentialVariables,
  awsafeSecretVariables,
  type Environment,
} from "../../ports/environment.js";
import { UsageError } from "../../errors.js";
import type { ResolvedCredentials } from "./resolve-credentials.js";

/**
 * What a child of `awsafe exec` must not inherit on top of what no child gets (awsafe's
 * passphrase; the spawn drops it again in `process/child-environment.ts`): credentials, and
 * profile and credential-source choices that would win over (or mix with) the ones awsafe sets
 * (the AWS CLI prefers env keys, the JS SDK skips them when AWS_PROFILE is set; SPECS §f).
 */
const dropped: ReadonlySet<string> = new Set([
  ...awsafeSecretVariables,
  ...awsCredentialVariables,
  "AWS_CREDENTIAL_FILE",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_SDK_LOAD_CONFIG",
  "AWS_ROLE_ARN",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_SESSION_NAME",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
]);

/**
 * The environment of `awsafe exec`'s child: the parent's, cleaned, plus the credentials,
 * `AWS_CREDENTIAL_EXPIRATION`, the region (both variables) and `AWSAFE_PROFILE`.
 */
export function execEnvironment(
  env: Environment,
  resolved: ResolvedCredentials,
): Record<string, string> {
  const child = cleanEnvironment(env);
  const { credentials, region, profile } = resolved;
  child.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
  child.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  if (credentials.sessionToken !== undefined) child.AWS_SESSION_TOKEN = credentials.sessionToken;
  if (credentials.expiration !== undefined) {
    child.AWS_CREDENTIAL_EXPIRATION = credentials.expiration.toISOString();
  }
  if (region !== undefined) {
    child.AWS_REGION = region;
    child.AWS_DEFAULT_REGION = region;
  }
  child.AWSAFE_PROFILE = profile;
  return child;
}

/**
 * The environment of `awsafe exec --server`'s child: the parent's, cleaned, with no keys but the
 * credential endpoint's URL and token (`AWS_CONTAINER_CREDENTIALS_FULL_URI`,
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN`), which every SDK's default chain reads, plus the region
 * (both variables) and `AWSAFE_PROFILE`.
 */
export function serverExecEnvironment(
  env: Environment,
  served: { readonly profile: string; readonly region: string | undefined },
  endpoint: { readonly credentialsUrl: string; readonly token: string },
): Record<string, string> {
  const child = cleanEnvironment(env);
  child.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.credentialsUrl;
  child.AWS_CONTAINER_AUTHORIZATION_TOKEN = endpoint.token;
  if (served.region !== undefined) {
    child.AWS_REGION = served.region;
    child.AWS_DEFAULT_REGION = served.region;
  }
  child.AWSAFE_PROFILE = served.profile;
  return child;
}

function cleanEnvironment(env: Environment): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !dropped.has(name)) child[name] = value;
  }
  return child;
}

/**
 * @throws UsageError inside another `awsafe exec`: the inner one would sign with the outer
 *   credentials' profile settings and hide which credentials a command really has.
 */
export function refuseNestedExec(env: Environment): void {
  const outer = env.AWSAFE_PROFILE;
  if (outer !== undefined && outer !== "") {
    throw new UsageError(`Already inside \`awsafe exec\` for profile "${outer}"`, {
      hint: "Leave that shell first (exit), or run the command without awsafe there",
    });
  }
}
