import type { AwsCallContext } from "./call-context.js";
import type { AwsCredentials } from "./credentials.js";

/** The IAM user the credentials belong to. */
export interface IamUser {
  readonly userName: string;
  readonly arn: string;
  readonly userId: string;
}

/** One of a user's access keys (`ListAccessKeys`); never its secret. */
export interface IamAccessKey {
  readonly accessKeyId: string;
  readonly status: "Active" | "Inactive";
  readonly createDate: Date | undefined;
}

/** A new access key (`CreateAccessKey`); the secret is shown once, here. */
export interface NewAccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly createDate: Date | undefined;
}

/** When and where a key was last used (`GetAccessKeyLastUsed`). */
export interface AccessKeyLastUsed {
  readonly lastUsedDate: Date | undefined;
  readonly serviceName: string | undefined;
  readonly region: string | undefined;
}

/** An MFA device of a user (`ListMFADevices`). */
export interface IamMfaDevice {
  readonly serialNumber: string;
  readonly enableDate: Date | undefined;
}

/** A role as `ListRoles` / `GetRole` describe it; its trust policy decoded (JSON text). */
export interface IamRole {
  readonly roleName: string;
  readonly arn: string;
  readonly path: string;
  readonly trustPolicy: string;
}

/** A user or a group: what holds inline and attached policies. */
export interface PolicyHolder {
  readonly kind: "user" | "group";
  readonly name: string;
}

/** IAM's credential report: CSV text, and when IAM made it. */
export interface CredentialReport {
  readonly csv: string;
  readonly generatedTime: Date | undefined;
}

/**
 * IAM, as rotation, setup and the account checks need it. Without `userName` a call is about the
 * user who signs it, as in the AWS CLI. Every method rejects with an AppError (an AuthError when
 * the credentials or the policy refuse it, an unavailable error after retries).
 */
export interface IamPort {
  getUser(credentials: AwsCredentials, context: AwsCallContext): Promise<IamUser>;
  listAccessKeys(
    credentials: AwsCredentials,
    userName: string | undefined,
    context: AwsCallContext,
  ): Promise<IamAccessKey[]>;
  createAccessKey(
    credentials: AwsCredentials,
    userName: string | undefined,
    context: AwsCallContext,
  ): Promise<NewAccessKey>;
  updateAccessKey(
    credentials: AwsCredentials,
    key: { readonly accessKeyId: string; readonly status: "Active" | "Inactive" },
    userName: string | undefined,
    context: AwsCallContext,
  ): Promise<void>;
  deleteAccessKey(
    credentials: AwsCredentials,
    accessKeyId: string,
    userName: string | undefined,
    context: AwsCallContext,
  ): Promise<void>;
  getAccessKeyLastUsed(
    credentials: AwsCredentials,
    accessKeyId: string,
    context: AwsCallContext,
  ): Promise<AccessKeyLastUsed>;
  listMfaDevices(
    credentials: AwsCredentials,
    userName: string | undefined,
    context: AwsCallContext,
  ): Promise<IamMfaDevice[]>;
  /** `GetAccountSummary`'s `SummaryMap` (`AccountMFAEnabled`, `AccountAccessKeysPresent`, ...). */
  getAccountSummary(
    credentials: AwsCredentials,
    context: AwsCallContext,
  ): Promise<Readonly<Record<string, number>>>;
  /**
   * The credential report: `GenerateCredentialReport` until IAM says it is complete (IAM makes a
   * new one at most every 4 hours, else returns the last), then `GetCredentialReport`.
   */
  credentialReport(credentials: AwsCredentials, context: AwsCallContext): Promise<CredentialReport>;
  /** Every role of the account (`ListRoles`, all pages). */
  listRoles(credentials: AwsCredentials, context: AwsCallContext): Promise<IamRole[]>;
  getRole(credentials: AwsCredentials, roleName: string, context: AwsCallContext): Promise<IamRole>;
  /** `ListGroupsForUser`: the names of the user's groups. */
  listGroupsForUser(
    credentials: AwsCredentials,
    userName: string,
    context: AwsCallContext,
  ): Promise<string[]>;
  /** `ListUserPolicies` / `ListGroupPolicies`: the names of the inline policies. */
  listInlinePolicies(
    credentials: AwsCredentials,
    holder: PolicyHolder,
    context: AwsCallContext,
  ): Promise<string[]>;
  /** `GetUserPolicy` / `GetGroupPolicy`: the document, decoded (JSON text). */
  getInlinePolicy(
    credentials: AwsCredentials,
    holder: PolicyHolder,
    policyName: string,
    context: AwsCallContext,
  ): Promise<string>;
  /** `ListAttachedUserPolicies` / `ListAttachedGroupPolicies`: the managed policies' ARNs. */
  listAttachedPolicies(
    credentials: AwsCredentials,
    holder: PolicyHolder,
    context: AwsCallContext,
  ): Promise<string[]>;
  /** `GetPolicy`, then `GetPolicyVersion` of its default version: the document (JSON text). */
  getManagedPolicy(
    credentials: AwsCredentials,
    policyArn: string,
    context: AwsCallContext,
  ): Promise<string>;
}
