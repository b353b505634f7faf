/**
 * The `--seed FILE` JSON format (documented in emulator/README.md). Everything optional that can
 * be generated is generated: key ids, secrets, TOTP secrets, MFA serials.
 */
export interface Seed {
  readonly accounts: readonly SeedAccount[];
  readonly users: readonly SeedUser[];
  readonly groups: readonly SeedGroup[];
  readonly roles: readonly SeedRole[];
  readonly managedPolicies: readonly SeedManagedPolicy[];
  readonly oidcProviders: readonly SeedOidcProvider[];
  readonly sso: SeedSso | undefined;
}

/** An AWS account. */
export interface SeedAccount {
  readonly id: string;
  readonly name: string;
  /** The root user; absent: MFA on, a password, no access keys. */
  readonly root?: SeedRoot | undefined;
}

/** The root user's credentials (all false / 0: no root credentials, as under Organizations). */
export interface SeedRoot {
  readonly mfa: boolean;
  readonly password: boolean;
  readonly accessKeys: number;
  readonly passwordLastUsedDaysAgo: number | undefined;
  readonly accessKeyLastUsedDaysAgo: number | undefined;
}

/** A JSON policy document, kept as parsed JSON until the world is built. */
export type SeedPolicy = Readonly<Record<string, unknown>>;

/** An IAM user, its keys, MFA device and policies. */
export interface SeedUser {
  readonly accountId: string;
  readonly userName: string;
  readonly accessKeys: readonly SeedAccessKey[];
  /** `undefined` = no MFA device. */
  readonly mfa: SeedMfa | undefined;
  readonly inlinePolicies: Readonly<Record<string, SeedPolicy>>;
  readonly managedPolicyArns: readonly string[];
  readonly groups: readonly string[];
  readonly loginProfile: boolean;
  readonly passwordLastUsedDaysAgo?: number | undefined;
}

/** An access key; both fields generated when absent. */
export interface SeedAccessKey {
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  /** Days since the key was created; 0 (now) when absent. */
  readonly ageDays?: number | undefined;
  /** Days since the key last signed a request; never used when absent. */
  readonly lastUsedDaysAgo?: number | undefined;
}

/** A virtual MFA device; serial defaults to `arn:aws:iam::ACCOUNT:mfa/USER`. */
export interface SeedMfa {
  readonly serialNumber: string | undefined;
  readonly totpSecret: string | undefined;
}

/** An IAM group. */
export interface SeedGroup {
  readonly accountId: string;
  readonly groupName: string;
  readonly inlinePolicies: Readonly<Record<string, SeedPolicy>>;
  readonly managedPolicyArns: readonly string[];
}

/** An IAM role. */
export interface SeedRole {
  readonly accountId: string;
  readonly roleName: string;
  /** The role's path; `/aws-service-role/...` for a service-linked role. */
  readonly path?: string | undefined;
  readonly trustPolicy: SeedPolicy;
  readonly inlinePolicies: Readonly<Record<string, SeedPolicy>>;
  readonly managedPolicyArns: readonly string[];
  readonly maxSessionDuration: number;
}

/** A customer-managed policy. */
export interface SeedManagedPolicy {
  readonly accountId: string;
  readonly policyName: string;
  readonly document: SeedPolicy;
}

/**
 * An OIDC identity provider for AssumeRoleWithWebIdentity. Tokens are JWTs signed HS256 with
 * `signingSecret` (the emulator cannot fetch a real JWKS).
 */
export interface SeedOidcProvider {
  readonly accountId: string;
  readonly url: string;
  readonly audiences: readonly string[];
  readonly signingSecret: string;
}

/** An IAM Identity Center instance. */
export interface SeedSso {
  readonly startUrl: string;
  readonly region: string;
  readonly users: readonly string[];
  readonly permissionSets: readonly SeedPermissionSet[];
  readonly accounts: readonly SeedSsoAccount[];
}

/** A permission set: the policies its per-account role gets. */
export interface SeedPermissionSet {
  readonly name: string;
  readonly managedPolicyArns: readonly string[];
  readonly inlinePolicy: SeedPolicy | undefined;
  readonly sessionDuration: number;
}

/** An account assigned to the SSO users, with the permission sets they may use there. */
export interface SeedSsoAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  readonly permissionSets: readonly string[];
}
