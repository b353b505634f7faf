import { callerAccount, callerArn, callerUserId } from "../auth/caller.js";
import { signed } from "../query-operation.js";

/** GetCallerIdentity: always allowed, even under an explicit deny (as in AWS). */
export const getCallerIdentity = signed((_state, _params, caller) => ({
  Arn: callerArn(caller),
  UserId: callerUserId(caller),
  Account: callerAccount(caller),
}));
