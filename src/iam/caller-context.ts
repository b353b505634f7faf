import { RequestContext } from "./request-context.js";

/** How the caller signed in: long-term keys, a GetSessionToken session without MFA, or with it. */
export type MfaState = "long-term-keys" | "session-without-mfa" | "mfa-session";

/** An IAM user making requests. */
export interface IamUserCaller {
  readonly arn: string;
  readonly userName: string;
  readonly userId: string;
}

/**
 * The global condition keys AWS puts in a request of an IAM user. Long-term keys carry no
 * `aws:MultiFactorAuthPresent` at all (which is why policies must test it with `...IfExists`);
 * sessions carry `false`, or `true` and the MFA's age.
 */
export function userRequestContext(
  caller: IamUserCaller,
  mfa: MfaState,
  now: Date,
  extra: Readonly<Record<string, string>> = {},
): RequestContext {
  const account = /^arn:[^:]*:iam::(\d{12}):/.exec(caller.arn)?.[1] ?? "";
  const values: Record<string, string> = {
    "aws:PrincipalArn": caller.arn,
    "aws:PrincipalAccount": account,
    "aws:PrincipalType": "User",
    "aws:username": caller.userName,
    "aws:userid": caller.userId,
    "aws:CurrentTime": now.toISOString(),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    "aws:SecureTransport": "true",
  };
  if (mfa !== "long-term-keys") {
    values["aws:TokenIssueTime"] = now.toISOString();
    values["aws:MultiFactorAuthPresent"] = mfa === "mfa-session" ? "true" : "false";
  }
  // A session whose MFA code was entered a minute ago.
  if (mfa === "mfa-session") values["aws:MultiFactorAuthAge"] = "60";
  return new RequestContext({ ...values, ...extra });
}
