import { accessDenied } from "../http/aws-error.js";
import { authorize } from "../policy/authorize.js";
import { signed } from "../query-operation.js";
import { credentialsXml, issueSession, packedSize } from "./issue-session.js";
import { constrained, durationSeconds, required, StsPattern } from "./sts-validation.js";

/**
 * GetFederationToken: long-term IAM-user keys only; the federated session's permissions are the
 * intersection of the user's policies and the `Policy` passed — none at all without one.
 */
export const getFederationToken = signed(async (state, params, caller) => {
  const p = caller.principal;
  if (caller.session !== undefined || p.kind !== "user") {
    throw accessDenied("Cannot call GetFederationToken with session credentials");
  }
  const name = required(params, "Name");
  constrained(params, "Name", 2, 32, StsPattern.federatedName);
  const duration = durationSeconds(params, 43200, 900, 129600);
  const arn = `arn:aws:sts::${p.user.accountId}:federated-user/${name}`;
  await authorize(state.world, caller, {
    action: "sts:GetFederationToken",
    resourceArn: arn,
    resourceAccount: p.user.accountId,
  });
  const session = issueSession(state.world, {
    principal: { kind: "federated", user: p.user, name, policy: params["Policy"] },
    durationSeconds: duration,
    mfaAuthenticatedAt: undefined,
    chained: false,
  });
  return {
    Credentials: credentialsXml(session),
    FederatedUser: { FederatedUserId: `${p.user.accountId}:${name}`, Arn: arn },
    ...packedSize(params["Policy"] !== undefined, session.sessionToken),
  };
});
