import { AwsError } from "../http/aws-error.js";
import { evaluatePolicies } from "../policy/evaluate-policies.js";
import { unsigned } from "../query-operation.js";
import { credentialsXml, issueSession } from "./issue-session.js";
import { constrained, durationSeconds, required, StsPattern } from "./sts-validation.js";
import { verifyWebIdentityToken } from "./web-identity-token.js";

/**
 * AssumeRoleWithWebIdentity (unsigned): the token's provider must be registered in the role's
 * account and the trust policy must allow it with its `<provider>:aud` / `:sub` conditions.
 */
export const assumeRoleWithWebIdentity = unsigned(async (state, params) => {
  const roleArn = required(params, "RoleArn");
  const sessionName = required(params, "RoleSessionName");
  constrained(params, "RoleSessionName", 2, 64, StsPattern.roleSessionName);
  const token = required(params, "WebIdentityToken");
  const duration = durationSeconds(params, 3600, 900, 43200);
  const claims = verifyWebIdentityToken(token, state.oidcProviders, state.clock.nowMs());
  const role = state.world.roleByArn(roleArn);
  const denied = new AwsError(
    "AccessDenied",
    "Not authorized to perform sts:AssumeRoleWithWebIdentity",
    403,
  );
  if (role === undefined || role.accountId !== claims.provider.accountId) throw denied;
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      400,
    );
  }
  const host = claims.provider.host;
  const decision = await evaluatePolicies({
    principalArn: claims.provider.arn,
    action: "sts:AssumeRoleWithWebIdentity",
    resourceArn: role.arn,
    resourceAccount: role.accountId,
    identityPolicies: [],
    resourcePolicy: role.trustPolicy,
    context: {
      [`${host}:aud`]: claims.audience,
      [`${host}:sub`]: claims.subject,
      "aws:FederatedProvider": claims.provider.arn,
      "sts:RoleSessionName": sessionName,
    },
    keepUnlistedContextKeys: true,
  });
  if (decision !== "Allowed") throw denied;
  const session = issueSession(state.world, {
    principal: { kind: "role", role, sessionName },
    durationSeconds: duration,
    mfaAuthenticatedAt: undefined,
    chained: false,
    sessionPolicy: params["Policy"],
  });
  return {
    Credentials: credentialsXml(session),
    SubjectFromWebIdentityToken: claims.subject,
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
    },
    Provider: claims.issuer,
    Audience: claims.audience,
  };
});
