/** A policy attached inline (by name) or a managed policy document, as JSON text. */
export type PolicyDocument = string;

/** A virtual MFA device bound to a user. */
export interface MfaDevice {
  readonly serialNumber: string;
  readonly totpSecret: string;
  readonly enableDate: Date;
  /** The highest TOTP time step accepted so far; codes at or before it are replays. */
  lastUsedStep: number;
}

/**
 * The account's root user, as GetAccountSummary and the credential report show it. An account
 * under centralized root access management (AWS Organizations) has no root credentials at all:
 * no password, no keys, no MFA.
 */
export interface RootUser {
  mfaEnabled: boolean;
  passwordPresent: boolean;
  /** How many access keys root has (0-2), all active. */
  accessKeys: number;
  passwordLastUsed: Date | undefined;
  accessKeyLastUsed: Date | undefined;
  readonly createDate: Date;
}

/** An IAM user. */
export interface User {
  readonly accountId: string;
  readonly userName: string;
  readonly userId: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: Date;
  readonly inlinePolicies: Map<string, PolicyDocument>;
  readonly attachedPolicyArns: Set<string>;
  readonly groupNames: Set<string>;
  readonly mfaDevices: MfaDevice[];
  loginProfile: { readonly createDate: Date } | undefined;
  /** When the user last signed in to the console with its password. */
  passwordLastUsed: Date | undefined;
}

/** A long-term access key. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  readonly userName: string;
  createDate: Date;
  status: "Active" | "Inactive";
  /** Before this time the key is refused (IAM's eventual consistency); `undefined`: at once. */
  usableAt?: Date | undefined;
  lastUsed:
    { readonly date: Date; readonly serviceName: string; readonly region: string } | undefined;
}

/** An IAM role. */
export interface Role {
  readonly accountId: string;
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: Date;
  readonly description: string;
  trustPolicy: PolicyDocument;
  maxSessionDuration: number;
  readonly inlinePolicies: Map<string, PolicyDocument>;
  readonly attachedPolicyArns: Set<string>;
}

/** An IAM group. */
export interface Group {
  readonly accountId: string;
  readonly groupName: string;
  readonly groupId: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: Date;
  readonly inlinePolicies: Map<string, PolicyDocument>;
  readonly attachedPolicyArns: Set<string>;
}

/** A managed policy (AWS-managed ones live under the pseudo-account `aws`). */
export interface ManagedPolicy {
  readonly arn: string;
  readonly policyName: string;
  readonly policyId: string;
  readonly path: string;
  readonly createDate: Date;
  readonly document: PolicyDocument;
}

/** A session tag as STS carries it. */
export interface SessionTag {
  readonly key: string;
  readonly value: string;
}

/**
 * Who a temporary credential speaks for. `user` = GetSessionToken; `role` = AssumeRole*, SSO;
 * `federated` = GetFederationToken.
 */
export type SessionPrincipal =
  | { readonly kind: "user"; readonly user: User }
  | { readonly kind: "role"; readonly role: Role; readonly sessionName: string }
  | {
      readonly kind: "federated";
      readonly user: User;
      readonly name: string;
      readonly policy: string | undefined;
    };

/** Temporary credentials issued by STS or the SSO portal. */
export interface Session {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly issuedAt: Date;
  readonly expiration: Date;
  readonly principal: SessionPrincipal;
  /** When MFA was last proven for this chain of credentials; undefined = no MFA context. */
  readonly mfaAuthenticatedAt: Date | undefined;
  /** True when made from other temporary credentials (AWS's "role chaining"). */
  readonly chained: boolean;
  readonly tags: readonly SessionTag[];
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity: string | undefined;
  readonly sessionPolicy: string | undefined;
}
