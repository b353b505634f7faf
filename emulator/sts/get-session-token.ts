import { accessDenied } from "../http/aws-error.js";
import { decide, deniedError } from "../policy/authorize.js";
import { signed } from "../query-operation.js";
import { checkMfa } from "./check-mfa.js";
import { credentialsXml, issueSession } from "./issue-session.js";
import { durationSeconds } from "./sts-validation.js";

/**
 * GetSessionToken: long-term IAM-user keys only; 900–129600 s (default 43200); with
 * SerialNumber/TokenCode the session carries MFA context into later calls. Needs no permission,
 * but an explicit deny of sts:GetSessionToken stops it.
 */
export const getSessionToken = signed(async (state, params, caller) => {
  if (caller.session !== undefined || caller.principal.kind !== "user") {
    throw accessDenied("Cannot call GetSessionToken with session credentials");
  }
  const duration = durationSeconds(params, 43200, 900, 129600);
  const mfa = checkMfa(caller, params, state.clock.nowMs());
  const request = {
    action: "sts:GetSessionToken",
    resourceArn: "*",
    resourceAccount: caller.principal.user.accountId,
  };
  const decision = await decide(state.world, caller, request);
  if (decision === "ExplicitlyDenied") throw deniedError(caller, request, decision);
  const session = issueSession(state.world, {
    principal: caller.principal,
    durationSeconds: duration,
    mfaAuthenticatedAt: mfa ? state.clock.now() : undefined,
    chained: false,
  });
  return { Credentials: credentialsXml(session) };
});
